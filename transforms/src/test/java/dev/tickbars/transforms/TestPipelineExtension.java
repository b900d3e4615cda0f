package dev.tickbars.transforms;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Runs a JUnit 5 test method inside Beam's {@link TestPipeline} rule (a JUnit 4 {@code TestRule}
 * in Beam 2.62), so that a test class's {@code TestPipeline} field works as it does under JUnit
 * 4: it checks that the pipeline was run and that no PAssert was left dangling. The one place
 * where tickbars bridges the two.
 */
public final class TestPipelineExtension implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extension)
      throws Throwable {
    Object test = context.getTarget().orElseThrow();
    TestPipeline pipeline = pipelineOf(test);
    Statement body =
        new Statement() {
          @Override
          public void evaluate() throws Throwable {
            invocation.proceed();
          }
        };
    pipeline
        .apply(body, Description.createTestDescription(test.getClass(), context.getExecutable().getName()))
        .evaluate();
  }

  private static TestPipeline pipelineOf(Object test) throws IllegalAccessException {
    for (Class<?> c = test.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == TestPipeline.class) {
          f.setAccessible(true);
          return (TestPipeline) f.get(test);
        }
      }
    }
    throw new IllegalStateException(test.getClass() + " has no TestPipeline field");
  }
}
