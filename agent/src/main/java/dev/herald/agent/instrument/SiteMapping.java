package dev.herald.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/** Resolves {@link SiteId} to the instrumented method's id, registering it as it is instrumented. */
final class SiteMapping implements Advice.OffsetMapping {

  private final SiteRegistry sites;

  SiteMapping(SiteRegistry sites) {
    this.sites = sites;
  }

  @Override
  public Target resolve(
      TypeDescription instrumentedType,
      MethodDescription instrumentedMethod,
      Assigner assigner,
      Advice.ArgumentHandler argumentHandler,
      Sort sort) {
    int id = sites.register(
        instrumentedType.getName(), instrumentedMethod.getInternalName(), instrumentedMethod.getDescriptor());
    return new Target.ForStackManipulation(IntegerConstant.forValue(id));
  }
}
