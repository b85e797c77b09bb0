package dev.herald.agent.cli;

import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.List;

/** {@code list}: the JVMs {@code attach} can reach, one per line: process id and main class or jar with its arguments. */
final class ListCommand {

  private ListCommand() {}

  static int run(PrintStream out) {
    List<VirtualMachineDescriptor> vms = Jvms.others();
    if (vms.isEmpty()) {
      out.println("no JVM to attach to (only JVMs of the same user, with attach enabled, are listed)");
      return 0;
    }
    out.printf("%-8s %s%n", "PID", "MAIN CLASS OR JAR");
    for (VirtualMachineDescriptor vm : vms) {
      out.printf("%-8s %s%n", vm.id(), vm.displayName().isBlank() ? "(unknown)" : vm.displayName());
    }
    return 0;
  }
}
