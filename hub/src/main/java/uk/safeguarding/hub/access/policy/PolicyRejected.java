package uk.safeguarding.hub.access.policy;

import java.util.List;

/** The policy documents were refused as a whole; none of them was loaded. */
public class PolicyRejected extends RuntimeException {

    private final List<String> problems;

    PolicyRejected(List<PolicyProblem> problems) {
        super("Policy documents refused; nothing was loaded:\n  "
                + String.join("\n  ", problems.stream().map(PolicyProblem::toString).toList()));
        this.problems = problems.stream().map(PolicyProblem::toString).toList();
    }

    public List<String> problems() {
        return problems;
    }
}
