package dev.herald.agent.instrument;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Method shapes that Herald treats apart, shared by the weaver, {@code check} and the JMX view so
 * that all three tell the same methods apart. Stateless.
 *
 * <ul>
 *   <li><b>Kotlin suspend functions</b>, left as they are: kotlinc compiles {@code suspend fun
 *       create(name: String): Account} to {@code Object create(String, Continuation)}, a state
 *       machine that returns the {@code COROUTINE_SUSPENDED} marker at each suspension and is called
 *       again at each resumption. Woven as a plain method, one call would emit an after event
 *       carrying the marker per suspension and a new before per resumption.
 *   <li><b>Asynchronous results Herald does not follow</b>: only a {@code CompletionStage} is
 *       followed to its completion. A method declared to return a {@code Mono}, a {@code Deferred}
 *       or the like is woven, but its after event comes when it returns that object, before the
 *       work it stands for has run (a {@code Mono} runs when subscribed), and a failure of that
 *       work gives no failed event: worth a warning.
 * </ul>
 */
public final class MethodShapes {

  private static final String SUSPEND_TAIL = "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;";

  // declared result types that are never a CompletionStage, by descriptor
  private static final Set<String> UNFOLLOWED = Set.of(
      "Lreactor/core/publisher/Mono;", "Lreactor/core/publisher/Flux;", "Lorg/reactivestreams/Publisher;",
      "Lio/reactivex/rxjava3/core/Single;", "Lio/reactivex/rxjava3/core/Maybe;",
      "Lio/reactivex/rxjava3/core/Completable;", "Lio/reactivex/rxjava3/core/Observable;",
      "Lio/reactivex/rxjava3/core/Flowable;", "Lio/smallrye/mutiny/Uni;", "Lio/smallrye/mutiny/Multi;",
      "Lkotlinx/coroutines/Deferred;", "Lkotlinx/coroutines/Job;", "Lkotlinx/coroutines/flow/Flow;",
      "Lcom/google/common/util/concurrent/ListenableFuture;",
      "Lcom/google/common/util/concurrent/FluentFuture;");

  private MethodShapes() {}

  /** True for the JVM shape of a Kotlin suspend function: a {@code Continuation} last, {@code Object} returned. */
  public static boolean isSuspend(String descriptor) {
    return descriptor.endsWith(SUSPEND_TAIL);
  }

  /** As {@link #isSuspend(String)}, for a loaded method. */
  public static boolean isSuspend(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    return method.getReturnType() == Object.class && parameters.length > 0
        && parameters[parameters.length - 1].getName().equals("kotlin.coroutines.Continuation");
  }

  /**
   * The binary name of the declared result type if it is an asynchronous type Herald does not
   * follow ({@code reactor.core.publisher.Mono}); else null.
   */
  public static String unfollowedResult(String descriptor) {
    String result = descriptor.substring(descriptor.indexOf(')') + 1);
    return UNFOLLOWED.contains(result) ? result.substring(1, result.length() - 1).replace('/', '.') : null;
  }
}
