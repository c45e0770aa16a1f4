package uk.safeguarding.hub.review;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.Act;
import uk.safeguarding.hub.access.Requires;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosedRecord;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.Withheld;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.LinkReviews;

/**
 * Admits reviewers (a reviewing role, and an agreement in force that lets them read personal data for
 * the purpose), shows only pairs whose two records come from agencies they may search, discloses those
 * records through {@link Disclosures}, and audits each decision in the transaction that makes it.
 */
@Service
class IdentityReviewService implements IdentityReview {

    /** The person field each comparison reads; a comparison of a withheld field is not shown. */
    private static final Map<String, String> FIELD_OF = Map.of("GIVEN_NAME", "givenName", "FAMILY_NAME", "familyName",
            "DATE_OF_BIRTH", "dateOfBirth", "SEX", "sex", "ADDRESS", "postcode");

    private final LinkReviews links;
    private final Disclosures disclosures;
    private final AuditLog audit;

    IdentityReviewService(LinkReviews links, Disclosures disclosures, AuditLog audit) {
        this.links = links;
        this.disclosures = disclosures;
        this.audit = audit;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Page pending(Caller caller, Purpose purpose, long afterId, int limit, boolean blind) {
        Set<String> agencies = admit(caller, purpose, "linkReviews");
        List<LinkReviews.Review> found = links.pending(agencies, afterId, limit + 1);
        boolean hasNext = found.size() > limit;
        found = found.subList(0, Math.min(limit, found.size()));
        List<Long> ids = new ArrayList<>();
        found.forEach(r -> {
            ids.add(r.recordId());
            ids.add(r.candidateRecordId());
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reviews", found.stream().map(LinkReviews.Review::id).toList());
        detail.put("blind", blind);
        Map<Long, DisclosedRecord> disclosed = disclosures.personRecords(caller, purpose, "linkReviews", ids, detail).stream()
                .collect(Collectors.toMap(DisclosedRecord::id, Function.identity(), (a, b) -> a));
        List<LinkReview> reviews = new ArrayList<>();
        for (LinkReviews.Review r : found) {
            DisclosedRecord a = disclosed.get(r.recordId());
            DisclosedRecord b = disclosed.get(r.candidateRecordId());
            if (a == null || b == null) {
                continue; // both agencies were searchable when listed; a record moved since is left for the next page
            }
            if (blind) {
                reviews.add(new LinkReview(r.id(), a, b, null, null, List.of(), r.proposedAt(), true));
                continue;
            }
            // the score the reviewer sees is the sum of the comparisons they may see: the full sum, less the
            // visible weights, would tell them the weight (and so the agreement) of a field withheld from them
            List<Contribution> shown = waterfall(r, a, b);
            double score = shown.stream().map(Contribution::weight).filter(java.util.Objects::nonNull)
                    .mapToDouble(Double::doubleValue).sum();
            reviews.add(new LinkReview(r.id(), a, b, score, probability(score), shown, r.proposedAt(), false));
        }
        return new Page(reviews, hasNext);
    }

    /** The odds in bits as a probability: 2^s / (1 + 2^s). */
    private static double probability(double score) {
        double odds = Math.pow(2, score);
        return odds / (1 + odds);
    }

    private static List<Contribution> waterfall(LinkReviews.Review r, DisclosedRecord a, DisclosedRecord b) {
        Set<String> withheld = new HashSet<>();
        a.withheld().stream().map(Withheld::field).forEach(withheld::add);
        b.withheld().stream().map(Withheld::field).forEach(withheld::add);
        List<Contribution> out = new ArrayList<>();
        for (LinkReviews.Contribution c : r.contributions()) {
            String field = FIELD_OF.get(c.field());
            if (c.field().equals("prior")) {
                out.add(new Contribution(c.field(), c.level(), c.weight(), null));
            } else if (field == null) {
                out.add(new Contribution(c.field(), null, null,
                        "No agreement shares this field (it is not in the field catalogue), so its comparison is not shown."));
            } else if (withheld.contains(field)) {
                out.add(new Contribution(c.field(), null, null,
                        "The " + field + " of one of the two records is withheld from you, so its comparison is not shown."));
            } else {
                out.add(new Contribution(c.field(), c.level(), c.weight(), null));
            }
        }
        return out;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Decision confirm(Caller caller, Purpose purpose, long reviewId, String reason) {
        return decide(caller, purpose, "confirmLink", reviewId, reason, () -> links.confirm(reviewId, caller.userId(), reason));
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Decision reject(Caller caller, Purpose purpose, long reviewId, String reason) {
        return decide(caller, purpose, "rejectLink", reviewId, reason, () -> links.reject(reviewId, caller.userId(), reason));
    }

    private Decision decide(Caller caller, Purpose purpose, String operation, long reviewId, String reason,
            java.util.function.Supplier<LinkReviews.Decision> decision) {
        Set<String> agencies = admit(caller, purpose, operation);
        requireReason(reason);
        LinkReviews.Review review = links.review(reviewId)
                .filter(r -> agencies.contains(r.agency()) && agencies.contains(r.candidateAgency()))
                .orElseThrow(() -> new InvalidInput("id: no link review you may see has this id"));
        LinkReviews.Decision made = carryOut(decision);
        Set<UUID> subjects = new java.util.LinkedHashSet<>(List.of(review.subjectId(), review.candidateSubjectId()));
        return record(caller, purpose, operation, subjects, made);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Decision split(Caller caller, Purpose purpose, UUID subjectId, List<Long> recordIds, String reason) {
        Set<String> agencies = admit(caller, purpose, "splitSubject");
        requireReason(reason);
        Set<Long> visible = links.recordsOf(subjectId).stream().filter(h -> agencies.contains(h.agency()))
                .map(LinkReviews.Held::recordId).collect(Collectors.toSet());
        if (recordIds.isEmpty() || !visible.containsAll(recordIds)) {
            throw new InvalidInput("recordIds: every record must be one you may see of this subject's");
        }
        LinkReviews.Decision made = carryOut(() -> links.split(subjectId, recordIds, caller.userId(), reason));
        Set<UUID> subjects = new java.util.LinkedHashSet<>();
        subjects.add(subjectId);
        made.moves().forEach(m -> subjects.add(m.toSubject()));
        return record(caller, purpose, "splitSubject", subjects, made);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<DisclosedRecord> records(Caller caller, Purpose purpose, UUID subjectId) {
        Set<String> agencies = admit(caller, purpose, "subjectRecords");
        List<Long> ids = links.recordsOf(subjectId).stream().filter(h -> agencies.contains(h.agency()))
                .map(LinkReviews.Held::recordId).toList();
        return disclosures.personRecords(caller, purpose, "subjectRecords", ids, Map.of("subject", subjectId.toString()));
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<Decision> history(Caller caller, Purpose purpose, UUID subjectId) {
        Set<String> agencies = admit(caller, purpose, "identityHistory");
        // a subject the caller may see nothing of has no history for them, as it would have no records
        boolean sees = links.recordsOf(subjectId).stream().anyMatch(h -> agencies.contains(h.agency()));
        List<Decision> decisions = sees ? links.history(subjectId).stream()
                .map(d -> asSeenFrom(agencies, d)).flatMap(Optional::stream).toList() : List.of();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decisions", decisions.stream().map(Decision::id).toList());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "identityHistory",
                sees ? List.of(subjectId) : List.of(), detail));
        return decisions;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    @Requires(Act.TRAIN_MATCH_MODEL)
    public MatchModelInfo train(Caller caller) {
        MatchModelInfo trained = links.train(caller.userId())
                .map(m -> new MatchModelInfo(m.id(), m.trainedAt(), m.trainedBy(), m.records(), m.lower(), m.upper()))
                .orElse(null);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("model", trained == null ? null : trained.id());
        detail.put("records", trained == null ? null : trained.records());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "trainMatchModel", List.of(),
                detail));
        return trained;
    }

    /** A reviewing role and an agreement in force for the purpose; returns the agencies the caller may search. */
    private Set<String> admit(Caller caller, Purpose purpose, String operation) {
        if (!Act.REVIEW_IDENTITIES.allows(caller)) {
            refuse(caller, purpose, operation, "Reviewing identity links is for panel analysts and chairs.");
        }
        return disclosures.searchableAgencies(caller, purpose, operation);
    }

    /** Who tried to do what they may not is for auditors to see: the refusal is committed, then thrown. */
    private void refuse(Caller caller, Purpose purpose, String operation, String why) {
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose == null ? null : purpose.name(),
                operation, List.of(), Map.of("refused", why)));
        throw new DisclosureRefused(why);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason: say why, for the record");
        }
    }

    private static LinkReviews.Decision carryOut(java.util.function.Supplier<LinkReviews.Decision> decision) {
        try {
            return decision.get();
        } catch (LinkReviews.Refused e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** The decision's audit entry: identifiers and moves, never the reason's text (it may name the person). */
    private Decision record(Caller caller, Purpose purpose, String operation, Set<UUID> subjects, LinkReviews.Decision made) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", made.id());
        detail.put("review", made.reviewId());
        detail.put("moves", made.moves().stream().map(m -> Map.of("personRecord", m.recordId(),
                "from", m.fromSubject().toString(), "to", m.toSubject().toString())).toList());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                List.copyOf(subjects), detail));
        return decision(made);
    }

    private static Decision decision(LinkReviews.Decision d) {
        return new Decision(d.id(), d.kind(), d.reviewId(), d.subjectId(), d.decidedBy(), d.decidedAt(), d.reason(), null,
                d.moves().stream().map(m -> new Move(m.recordId(), m.fromSubject(), m.toSubject())).toList());
    }

    /**
     * A past decision as a caller who may search {@code agencies} sees it: only moves of records they may
     * see, its free-text reason only if they may see every record it concerns (the reason speaks of them),
     * and nothing at all of a decision about records they may not see.
     */
    private static Optional<Decision> asSeenFrom(Set<String> agencies, LinkReviews.Decision d) {
        Set<Long> visible = d.concerns().stream().filter(h -> agencies.contains(h.agency()))
                .map(LinkReviews.Held::recordId).collect(Collectors.toSet());
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        boolean all = visible.size() == d.concerns().size();
        return Optional.of(new Decision(d.id(), d.kind(), d.reviewId(), d.subjectId(), d.decidedBy(), d.decidedAt(),
                all ? d.reason() : null, all ? null : REASON_WITHHELD,
                d.moves().stream().filter(m -> visible.contains(m.recordId()))
                        .map(m -> new Move(m.recordId(), m.fromSubject(), m.toSubject())).toList()));
    }

    private static final String REASON_WITHHELD = "The decision also concerns records of agencies whose records you may not"
            + " see under this purpose; its reason speaks of them.";
}
