package uk.safeguarding.hub.access;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import uk.safeguarding.hub.access.policy.PolicyDocuments;
import uk.safeguarding.hub.access.policy.PolicySet.LoadedAgreement;
import uk.safeguarding.hub.access.policy.PolicyStore;

@Service
class AgreementService implements Agreements {

    private final PolicyStore store;
    private final Clock clock;

    AgreementService(PolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<AgreementSummary> list() {
        LocalDate today = LocalDate.now(clock);
        return store.current().agreements().stream().map(a -> summary(a, today)).toList();
    }

    @Override
    public List<Purpose> purposesFor(Caller caller) {
        LocalDate today = LocalDate.now(clock);
        var policy = store.current();
        return java.util.Arrays.stream(Purpose.values()).filter(purpose -> purpose == Purpose.STATISTICS
                ? policy.aggregates(caller, purpose, today).refusal() == null
                : policy.refusal(caller, purpose, today).isEmpty()).toList();
    }

    /** The load audits itself (who asked, every document's hash, the outcome) in the transaction that records it. */
    @Override
    @Requires(Act.RELOAD_POLICIES)
    public LoadResult reload(Caller caller) {
        PolicyStore.LoadResult result = store.reload(caller);
        List<String> notices = result.awaitingReversion().entrySet().stream()
                .map(e -> e.getKey() + ": catalogued after " + String.join(", ", e.getValue())
                        + " first loaded; not released under them until they are re-versioned")
                .toList();
        return new LoadResult(result.loaded(), result.problems(), notices);
    }

    private static AgreementSummary summary(LoadedAgreement loaded, LocalDate today) {
        var a = loaded.document();
        return new AgreementSummary(a.id(), a.title(), a.version(),
                loaded.status(today).name(), a.effective(), a.reviewBy(), a.expires(), a.purposes(),
                a.parties().stream().map(PolicyDocuments.Party::agency).toList(), loaded.file(), loaded.contentHash(),
                a.clauses().size());
    }

}
