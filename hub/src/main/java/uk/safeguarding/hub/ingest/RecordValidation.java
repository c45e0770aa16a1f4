package uk.safeguarding.hub.ingest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** Why a record cannot be kept: the quarantine reasons both ways in (polled and bulk) give. */
@Component
class RecordValidation {

    private final Validator validator;

    RecordValidation(Validator validator) {
        this.validator = validator;
    }

    /** Every reason the record cannot be kept, naming fields and rules, never values. */
    List<String> problems(SourceRecord record) {
        List<String> reasons = new ArrayList<>(record.problems());
        Set<String> violations = new TreeSet<>();
        for (ConstraintViolation<SourceRecord> v : validator.validate(record)) {
            violations.add(v.getPropertyPath() + ": " + v.getMessage());
        }
        reasons.addAll(violations);
        Set<String> known = record.people().stream().map(PersonRecord::localId).collect(Collectors.toSet());
        for (int e = 0; e < record.events().size(); e++) {
            List<EventRecord.Party> parties = record.events().get(e).parties();
            for (int p = 0; p < parties.size(); p++) {
                if (parties.get(p) != null && parties.get(p).personLocalId() != null
                        && !known.contains(parties.get(p).personLocalId())) {
                    reasons.add("events[" + e + "].parties[" + p + "].personLocalId: names no person in the record");
                }
            }
        }
        if (record.people().stream().map(PersonRecord::localId).distinct().count() < record.people().size()) {
            reasons.add("people: two persons share one localId");
        }
        return reasons;
    }
}
