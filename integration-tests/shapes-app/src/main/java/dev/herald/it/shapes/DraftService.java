package dev.herald.it.shapes;

/** A subclass of {@link BaseService} that no config names: it emits nothing. */
public class DraftService extends BaseService<Draft> {}
