package dev.herald.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JVMs on this machine that the attach API can reach (same user, attach not disabled), and
 * whether Herald already runs in one.
 */
final class Jvms {

  /**
   * The system property a running agent sets (see {@code AgentStarter}) so that a second attach
   * can be refused before it is tried, and an attach can tell whether Herald started.
   */
  static final String RUNNING_PROPERTY = "herald.agent";

  private Jvms() {}

  /** Every attachable JVM except this one, by process id. */
  static List<VirtualMachineDescriptor> others() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<VirtualMachineDescriptor> result = new ArrayList<>();
    for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
      if (!vm.id().equals(self)) {
        result.add(vm);
      }
    }
    result.sort((a, b) -> Long.compare(pid(a), pid(b)));
    return result;
  }

  /**
   * The JVMs that {@code target} names: the one with that process id, or those whose main class
   * or jar (with its arguments) contains it.
   */
  static List<VirtualMachineDescriptor> find(String target) {
    List<VirtualMachineDescriptor> result = new ArrayList<>();
    boolean pid = target.chars().allMatch(Character::isDigit);
    for (VirtualMachineDescriptor vm : others()) {
      if (pid ? vm.id().equals(target) : vm.displayName().contains(target)) {
        result.add(vm);
      }
    }
    return result;
  }

  /** True if {@code target} is the process id of a process that runs now (this one excluded). */
  static boolean isRunningProcess(String target) {
    if (target.isEmpty() || target.length() > 18 || !target.chars().allMatch(Character::isDigit)) {
      return false;
    }
    long pid = Long.parseLong(target);
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * How Herald runs in {@code vm}, or null if it does not: the agent's own marker property, else a
   * {@code -javaagent} flag naming a Herald jar.
   */
  static String heraldIn(VirtualMachine vm) throws java.io.IOException {
    String marker = vm.getSystemProperties().getProperty(RUNNING_PROPERTY);
    if (marker != null) {
      return marker;
    }
    Properties agent = vm.getAgentProperties();
    String jvmArgs = agent.getProperty("sun.jvm.args", "");
    for (String arg : jvmArgs.split("\\s+")) {
      if (arg.startsWith("-javaagent:") && arg.contains("herald")) {
        return "started with " + arg;
      }
    }
    return null;
  }

  static long pid(VirtualMachineDescriptor vm) {
    try {
      return Long.parseLong(vm.id());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
