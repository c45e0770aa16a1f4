package uk.safeguarding.hub.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import uk.safeguarding.connectors.SettingProblem;

/**
 * A start refused for a setting is reported in one line that names it, not with a stack trace: the
 * operator's mistake is in the configuration, not in the code.
 */
public class SettingProblemAnalyzer extends AbstractFailureAnalyzer<SettingProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingProblem problem) {
        return new FailureAnalysis(problem.getMessage(), "Correct " + problem.setting()
                + " and start the hub again (the README's \"Running on servers\" lists every setting).", problem);
    }
}
