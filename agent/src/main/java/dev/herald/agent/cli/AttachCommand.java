package dev.herald.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.herald.agent.bootstrap.AgentStarter;
import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code attach <pid | main-class substring> <herald.yaml>}: checks the config here, then loads the
 * agent jar into the target JVM, whose {@code agentmain} starts Herald there. Exit status 0 when
 * attached, 1 when Herald already runs there (nothing is done), 2 on errors.
 */
final class AttachCommand {

  private AttachCommand() {}

  static int run(List<String> args, File agentJar, Path workingDir, PrintStream out, PrintStream err) {
    if (args.size() != 2) {
      throw new IllegalArgumentException("attach takes a target and a config file, got " + args.size()
          + " argument" + (args.size() == 1 ? "" : "s") + ": attach <pid | main-class> <herald.yaml>");
    }
    // the target resolves paths against its own working directory: hand it an absolute one
    Path config = workingDir.resolve(args.get(1)).toAbsolutePath().normalize();
    try {
      ConfigLoader.load(config, System::getenv);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.println("herald: not attached: fix the config first (java -jar herald-agent.jar check " + args.get(1) + ")");
      return 2;
    }
    List<VirtualMachineDescriptor> matches = Jvms.find(args.get(0));
    if (matches.isEmpty() && Jvms.isRunningProcess(args.get(0))) {
      err.println("herald: process " + args.get(0) + " runs, but the attach API cannot reach it: it is not a JVM,"
          + " or runs as another user or in another container, or was started with -XX:+DisableAttachMechanism");
      return 2;
    }
    if (matches.size() != 1) {
      err.println(matches.isEmpty() ? "herald: no JVM matches '" + args.get(0) + "' (see: java -jar herald-agent.jar list)"
          : "herald: " + matches.size() + " JVMs match '" + args.get(0) + "'; name one by its process id:");
      matches.forEach(vm -> err.println("  " + vm.id() + " " + vm.displayName()));
      return 2;
    }
    return attach(matches.get(0), agentJar, config, out, err);
  }

  private static int attach(VirtualMachineDescriptor target, File agentJar, Path config, PrintStream out,
      PrintStream err) {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(target);
    } catch (AttachNotSupportedException | IOException e) {
      err.println("herald: cannot attach to " + target.id() + ": " + e.getMessage()
          + " (it must run as the same user, and not with -XX:+DisableAttachMechanism)");
      return 2;
    }
    try {
      String running = Jvms.heraldIn(vm);
      if (running != null) {
        out.println("Herald already runs in JVM " + target.id() + " (" + running + "); nothing was done");
        return 1;
      }
      String attachId = UUID.randomUUID().toString();
      vm.loadAgent(agentJar.getAbsolutePath(), config + AgentStarter.ATTACH_ID_MARK + attachId);
      // agentmain never throws (the JVM would print assertion failures into the application's
      // log); it leaves how the start went in herald.agent: see AgentStarter.
      Properties there = vm.getSystemProperties();
      String outcome = there.getProperty(Jvms.RUNNING_PROPERTY);
      boolean ours = attachId.equals(there.getProperty(AgentStarter.ATTACH_ID_PROPERTY));
      if (outcome == null) {
        // Without our own rejection's reason: the start failed before Herald's code ran (the jar
        // unreadable there), or another attach's rejection came after ours and is not ours to show.
        String why = ours ? there.getProperty(AgentStarter.REJECTED_PROPERTY) : null;
        err.println("herald: Herald did not start in JVM " + target.id() + " (" + target.displayName() + "): "
            + (why == null ? "that JVM's standard error, or log.file, says why"
                : "it rejected the config (its environment or files differ from here): " + why
                    + ". The application runs on as before; attach again once the config is fixed"));
        return 2;
      }
      if (outcome.equals(AgentStarter.FAILED)) {
        err.println("herald: Herald did not start in JVM " + target.id() + " (" + target.displayName() + "): "
            + (ours ? "its start failed" : "the start of another attach at the same moment failed, and yours was"
                + " not tried") + "; that JVM's standard error, or log.file, says why. The application runs on"
            + " as before");
        return 2;
      }
      if (!ours) {
        // another attach passed the "already runs" check at the same moment, and started first
        out.println("Herald already runs in JVM " + target.id() + " with "
            + there.getProperty(AgentStarter.CONFIG_PROPERTY, "another config") + ", started by another attach"
            + " at the same moment; yours (" + config + ") was not used (had that JVM rejected it first, its"
            + " standard error says why)");
        return 1;
      }
      out.println("Herald attached to JVM " + target.id() + " (" + target.displayName() + ") with " + config
          + "; its log goes to that JVM's standard error, or to log.file");
      return 0;
    } catch (AgentLoadException | AgentInitializationException | IOException e) {
      err.println("herald: attaching to " + target.id() + " failed: " + e);
      return 2;
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the target may have exited; nothing to clean up on this side
      }
    }
  }
}
