package uk.safeguarding.hub.ingest;

import org.springframework.integration.annotation.MessagingGateway;
import uk.safeguarding.connectors.canonical.RecordGateway;

/** The messaging gateway the connectors call: Camel on one side, Spring Integration on the other. */
@MessagingGateway(name = "recordGateway", defaultRequestChannel = IngestFlow.RECORDS)
public interface IngestGateway extends RecordGateway {
}
