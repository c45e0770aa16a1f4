package uk.safeguarding.hub.audit;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.audit}: checkpoint signing and the thresholds above which a user's reading is shown to
 * auditors as an anomaly.
 *
 * @param signingKeyFile a PKCS#8 PEM Ed25519 or ECDSA P-256 key; if unset, a key is made at start-up
 *     (refused when {@code anchorsRequired})
 * @param checkpointInterval how often to seal the log's head with a signed checkpoint (if it has grown)
 * @param trustedKeyIds the key ids the hub's own verification trusts besides its current signing key:
 *     the keys it used before a rotation. Never taken from the database, which anyone able to tamper
 *     with the log can write to.
 * @param witnessDir the append-only folder every checkpoint is also written to; none if unset (refused
 *     when {@code anchorsRequired})
 * @param anchorsRequired refuse to start without a persistent signing key and a witness (the server profile)
 */
@ConfigurationProperties("hub.audit")
record AuditProperties(String signingKeyFile, @DefaultValue("1m") Duration checkpointInterval,
        @DefaultValue Anomalies anomalies, List<String> trustedKeyIds, String witnessDir,
        boolean anchorsRequired) {

    AuditProperties {
        trustedKeyIds = trustedKeyIds == null ? List.of()
                : trustedKeyIds.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
    }

    /**
     * @param window the period looked at when the auditor gives no {@code from}
     * @param bulkSubjects distinct subjects read by one user in the period
     * @param outOfHoursReads reads outside working hours (weekdays, {@code workdayStart} to {@code workdayEnd})
     * @param refusals refused requests
     * @param withheldFields fields withheld from the user's answers
     */
    record Anomalies(@DefaultValue("24h") Duration window, @DefaultValue("50") int bulkSubjects,
            @DefaultValue("5") int outOfHoursReads, @DefaultValue("5") int refusals,
            @DefaultValue("50") int withheldFields, @DefaultValue("08:00") LocalTime workdayStart,
            @DefaultValue("18:00") LocalTime workdayEnd, @DefaultValue("Europe/London") ZoneId zone) {
    }
}
