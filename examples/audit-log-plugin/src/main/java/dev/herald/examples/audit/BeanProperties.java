package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LookupCache;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The readable properties of a class: a record's components, otherwise the bean properties
 * (getters, public fields) Jackson's introspection finds, named as Jackson names them: {@code
 * getCardNo()} is {@code cardNo}, whatever field it returns. Cached per class.
 *
 * <p>The application's Jackson annotations are not this plugin's: its Jackson is its own copy, in
 * the plugin's class loader, so it does not see them. {@code @JsonIgnore} is honoured by name here:
 * a property is left out when its getter, the field of the same name or its setter (a record
 * component: its accessor or field) carries {@code com.fasterxml.jackson.annotation.JsonIgnore},
 * of whichever class loader, whose {@code value} is true.
 * Other annotations ({@code @JsonProperty}'s renaming, {@code @JsonIgnoreProperties}...) are not.
 *
 * <p>Reading each property separately, rather than letting Jackson serialize the whole object,
 * lets {@link SafeJson} redact, limit and survive each one on its own.
 *
 * <p>Introspection runs on a copy of the mapper whose type factory caches nothing: Jackson's own
 * type cache (one per Jackson copy, shared by its mappers) keeps the classes it resolved, so an
 * application server's undeployed web application, whose beans were written, would be kept with its
 * class loader. What is cached here lives in a {@link ClassValue} of the class, and goes with it.
 *
 * <p>Safe for concurrent use.
 */
final class BeanProperties {

  /** Reads one property of an object. */
  @FunctionalInterface
  interface Reader {
    Object read(Object target) throws Exception;
  }

  /** Matched by name: the application's annotation class is not the one of the plugin's own Jackson. */
  private static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";

  private final ObjectMapper mapper;
  private final ClassValue<Map<String, Reader>> cache = new ClassValue<>() {
    @Override
    protected Map<String, Reader> computeValue(Class<?> type) {
      try {
        return Collections.unmodifiableMap(type.isRecord() ? components(type) : properties(type));
      } catch (RuntimeException e) { // a class Jackson cannot introspect has, for us, nothing to read
        return Map.of();
      }
    }
  };

  BeanProperties(ObjectMapper mapper) {
    this.mapper = mapper.copy().setTypeFactory(TypeFactory.defaultInstance().withCache(new NoTypeCache()));
  }

  /** Property name to reader, in declaration order; empty if there is nothing to read. */
  Map<String, Reader> of(Class<?> type) {
    return cache.get(type);
  }

  /** The class of what the getter threw, unwrapped from reflection's and Jackson's wrappers, for a summary. */
  static String cause(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof InvocationTargetException || cause instanceof IllegalArgumentException)
        && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }

  private static Map<String, Reader> components(Class<?> type) {
    Map<String, Reader> readers = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Method accessor = component.getAccessor();
      if (jsonIgnored(accessor, field(type, component.getName()))) {
        continue;
      }
      accessible(accessor);
      readers.put(component.getName(), accessor::invoke);
    }
    return readers;
  }

  private Map<String, Reader> properties(Class<?> type) {
    BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
    Map<String, Reader> readers = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      AnnotatedMember accessor = property.getAccessor();
      if (accessor != null && property.couldSerialize() && !jsonIgnored(property)) {
        if (accessor.getMember() instanceof java.lang.reflect.AccessibleObject member) {
          accessible(member);
        }
        readers.put(property.getName(), accessor::getValue);
      }
    }
    return readers;
  }

  private static boolean jsonIgnored(BeanPropertyDefinition property) {
    return jsonIgnored(annotated(property.getGetter()), annotated(property.getField()), annotated(property.getSetter()));
  }

  private static AnnotatedElement annotated(AnnotatedMember member) {
    return member == null ? null : member.getAnnotated();
  }

  private static boolean jsonIgnored(AnnotatedElement... elements) {
    for (AnnotatedElement element : elements) {
      if (element != null) {
        for (Annotation annotation : element.getAnnotations()) {
          if (annotation.annotationType().getName().equals(JSON_IGNORE) && ignores(annotation)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static AnnotatedElement field(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  // @JsonIgnore(false) cancels an inherited ignoral: read its value(), as it may be of another class loader's class
  private static boolean ignores(Annotation jsonIgnore) {
    try {
      Method value = jsonIgnore.annotationType().getMethod("value");
      return !Boolean.FALSE.equals(value.invoke(jsonIgnore));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  // A public getter of a non-public class (a package-private record, a private nested bean) can only be
  // called once made accessible; where the module system forbids that, the read fails and is summarised.
  private static void accessible(java.lang.reflect.AccessibleObject member) {
    try {
      member.setAccessible(true);
    } catch (RuntimeException e) {
      // left as is
    }
  }

  /** Jackson's type cache, keeping nothing: each class is introspected once anyway (the ClassValue above). */
  private static final class NoTypeCache implements LookupCache<Object, JavaType> {
    @Override
    public int size() {
      return 0;
    }

    @Override
    public JavaType get(Object key) {
      return null;
    }

    @Override
    public JavaType put(Object key, JavaType value) {
      return null;
    }

    @Override
    public JavaType putIfAbsent(Object key, JavaType value) {
      return null;
    }

    @Override
    public void clear() {}

    @Override
    public LookupCache<Object, JavaType> emptyCopy() {
      return this;
    }
  }
}
