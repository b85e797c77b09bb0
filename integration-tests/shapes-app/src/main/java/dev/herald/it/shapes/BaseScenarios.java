package dev.herald.it.shapes;

/**
 * A configured class whose bases, three interfaces, load before it: two have default write methods
 * to instrument by retransformation, one has only an abstract method and needs none.
 */
final class BaseScenarios {

  private BaseScenarios() {}

  /** A base with a default write method. */
  interface Removable {
    default String remove(String id) {
      return "removed " + id;
    }
  }

  /** Another. */
  interface Restorable {
    default String restore(String id) {
      return "restored " + id;
    }
  }

  /** A base with nothing to instrument. */
  interface Named {
    String name();
  }

  /** Configured as {@code BaseScenarios$TicketService}, entity {@code ticket}. */
  static final class TicketService implements Removable, Restorable, Named {
    @Override
    public String name() {
      return "tickets";
    }
  }

  /** Loads the three bases, then the service, then calls the two inherited write methods. */
  static void basesFirst() throws Exception {
    ClassLoader loader = BaseScenarios.class.getClassLoader();
    for (String base : new String[] {"Removable", "Restorable", "Named"}) {
      Class.forName(BaseScenarios.class.getName() + "$" + base, true, loader);
    }
    TicketService tickets = new TicketService();
    Report.print("remove", tickets.remove("t-1"));
    Report.print("restore", tickets.restore("t-2"));
  }
}
