package dev.herald.it.shapes.auto;

/** Calls each service of this package once, for the scenarios outside it. */
public final class Services {

  private Services() {}

  /** Creates {@code id} in every service of this package. */
  public static void createInEach(String id) {
    new LegacyUserService().create(id);
    new AddressServiceImpl().create(id);
    new NoteRepository().create(id);
    new TagDao().create(id);
    new LabelDAO().create(id);
    new ProfileManager().create(id);
    new RoleImpl().create(id);
  }
}
