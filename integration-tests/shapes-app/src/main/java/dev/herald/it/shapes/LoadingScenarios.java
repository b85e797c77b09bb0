package dev.herald.it.shapes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.herald.api.Herald;
import java.util.Map;

/** What the application can see: the API yes, the agent's insides no, its own Jackson version. */
final class LoadingScenarios {

  private static final String[] HIDDEN = {
    "dev.herald.agent.shaded.org.objectweb.asm.ClassReader",
    "dev.herald.agent.HeraldAgent",
    "org.objectweb.asm.ClassReader",
    "dev.herald.agent.shaded.org.snakeyaml.engine.v2.api.Load",
    "dev.herald.agent.shaded.ch.qos.logback.classic.Logger",
  };

  private LoadingScenarios() {}

  static void classloading() throws Exception {
    for (String name : HIDDEN) {
      Report.print("class " + name, visible(name));
    }
    Report.print("installed", Herald.installed());
    ClassLoader apiLoader = Herald.class.getClassLoader();
    Report.print("api-loader", apiLoader == null ? "bootstrap" : apiLoader.getClass().getName());
    Report.print("app-jackson", PackageVersion.VERSION);
    Report.print("app-json", new ObjectMapper().writeValueAsString(Map.of("jackson", "works")));
    new AccountService().create(new Account("cl-1", "loader"));
  }

  private static String visible(String name) {
    try {
      Class.forName(name, false, LoadingScenarios.class.getClassLoader());
      return "visible";
    } catch (ClassNotFoundException e) {
      try {
        ClassLoader.getSystemClassLoader().loadClass(name);
        return "visible";
      } catch (ClassNotFoundException again) {
        return "hidden";
      }
    }
  }
}
