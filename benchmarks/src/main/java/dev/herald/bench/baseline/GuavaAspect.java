package dev.herald.bench.baseline;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * Baseline (f): AspectJ load-time weaving, an {@code @Around} advice that publishes a before and an
 * after event to Guava's {@link GuavaBus}. Registered in {@code META-INF/aop.xml}; active only in a
 * JVM started with {@code -javaagent:aspectjweaver.jar}. The second pointcut weaves the demo shop's
 * services the same way, for the start-up comparison.
 */
@Aspect
public class GuavaAspect {

  @Around("execution(* dev.herald.bench.service.AccountService.create(..))"
      + " || execution(* com.acme.shop.service.*Service.*(..))")
  public Object publish(ProceedingJoinPoint call) throws Throwable {
    Object[] args = call.getArgs();
    GuavaBus.INSTANCE.post(new BenchEvent("account.before.create", args, null, System.nanoTime()));
    Object result = call.proceed();
    GuavaBus.INSTANCE.post(new BenchEvent("account.after.create", args, result, System.nanoTime()));
    return result;
  }
}
