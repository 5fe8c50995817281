package io.kongsimulator;

/** The nginx stub_status numbers of one node at one moment, as {@code /status} reports them in {@code server}. */
record ServerCounters(long accepted, long handled, long active, long reading, long writing, long waiting,
                      long totalRequests) {

    ServerCounters {
        if (active != reading + writing + waiting) {
            throw new IllegalArgumentException("active must equal reading + writing + waiting");
        }
    }
}
