package uk.safeguarding.hub.access;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.policy.PolicyDocuments;
import uk.safeguarding.hub.access.policy.PolicySet.LoadedAgreement;
import uk.safeguarding.hub.access.policy.PolicyStore;
import uk.safeguarding.hub.audit.AuditLog;

@Service
class AgreementService implements Agreements {

    private final PolicyStore store;
    private final AuditLog audit;
    private final Clock clock;

    AgreementService(PolicyStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<AgreementSummary> list() {
        LocalDate today = LocalDate.now(clock);
        return store.current().agreements().stream().map(a -> summary(a, today)).toList();
    }

    @Override
    @Transactional
    public LoadResult reload(Caller caller) {
        Act.RELOAD_POLICIES.require(caller);
        PolicyStore.LoadResult result = store.reload();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "reloadPolicies",
                List.of(), Map.of("loaded", result.loaded(), "problems", result.problems().size(),
                        "agreements", store.current().agreements().stream()
                                .map(a -> a.id() + "@" + a.document().version() + "#" + a.contentHash()).toList())));
        return new LoadResult(result.loaded(), result.problems());
    }

    private static AgreementSummary summary(LoadedAgreement loaded, LocalDate today) {
        var a = loaded.document();
        return new AgreementSummary(a.id(), a.title(), a.version(),
                loaded.status(today).name(), a.effective(), a.reviewBy(), a.expires(), a.purposes(),
                a.parties().stream().map(PolicyDocuments.Party::agency).toList(), loaded.file(), loaded.contentHash(),
                a.clauses().size());
    }

}
