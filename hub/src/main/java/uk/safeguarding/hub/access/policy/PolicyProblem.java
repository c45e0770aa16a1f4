package uk.safeguarding.hub.access.policy;

/** One rule a policy document breaks, where: {@code file:line: path: rule}. */
record PolicyProblem(String file, int line, String path, String rule) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + rule;
    }
}
