package uk.safeguarding.hub.ingest;

import java.util.List;
import org.springframework.integration.annotation.Gateway;
import org.springframework.integration.annotation.MessagingGateway;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** The messaging gateway the connectors call: Camel on one side, Spring Integration on the other. */
@MessagingGateway(name = "recordGateway", defaultRequestChannel = IngestFlow.RECORDS)
public interface IngestGateway extends RecordGateway {

    @Override
    @Gateway(requestChannel = IngestFlow.BATCHES)
    List<Outcome> receiveAll(List<SourceRecord> records);
}
