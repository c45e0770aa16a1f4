package uk.safeguarding.hub.casework;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.casework.Panel.Alert;
import uk.safeguarding.hub.ingest.NewEvents;

/**
 * New events for the subjects of a case manager's open cases, as they arrive on any hub instance: each event
 * disclosed (and audited) as their timeline would show it.
 */
@Component
class CaseAlerts {

    private final PanelCases cases;
    private final Disclosures disclosures;
    private final SubscribableChannel newEvents;
    private final Clock clock;

    CaseAlerts(PanelCases cases, Disclosures disclosures, @Qualifier(NewEventsListener.ARRIVALS) SubscribableChannel newEvents,
            Clock clock) {
        this.cases = cases;
        this.disclosures = disclosures;
        this.newEvents = newEvents;
        this.clock = clock;
    }

    /** The caller is admitted by the panel before the stream opens. */
    Flux<Alert> of(Caller caller, Purpose purpose) {
        return Flux.create(sink -> {
            MessageHandler handler = message -> {
                for (Alert alert : alertsFor(caller, purpose, NewEvents.read((String) message.getPayload()))) {
                    sink.next(alert);
                }
            };
            newEvents.subscribe(handler);
            sink.onDispose(() -> newEvents.unsubscribe(handler));
        });
    }

    private List<Alert> alertsFor(Caller caller, Purpose purpose, NewEvents.Batch batch) {
        Map<UUID, UUID> caseBySubject = cases.openCasesOf(caller.userId(), purpose,
                batch.arrivals().stream().map(NewEvents.Arrival::subjectId).distinct().toList());
        List<Alert> alerts = new ArrayList<>();
        for (NewEvents.Arrival arrival : batch.arrivals()) {
            UUID caseId = caseBySubject.get(arrival.subjectId());
            if (caseId != null) {
                disclosures.event(caller, purpose, arrival.subjectId(), arrival.eventId())
                        .ifPresent(e -> alerts.add(new Alert(caseId, arrival.subjectId(), e, OffsetDateTime.now(clock))));
            }
        }
        return alerts;
    }
}
