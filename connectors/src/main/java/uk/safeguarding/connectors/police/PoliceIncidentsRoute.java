package uk.safeguarding.connectors.police;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.http.HttpFeedSettings;
import uk.safeguarding.connectors.http.PagedJsonFeed;

/**
 * A police incidents feed: pages of incidents in the data.police.uk shape, each with its force reference,
 * exact time and POLE persons. The Metropolitan Police feed is one instance ({@link PoliceFeedProperties});
 * British Transport Police, same shape at rail and Underground stations, is another with its own settings
 * ({@link BtpFeedProperties}).
 */
public class PoliceIncidentsRoute extends PagedJsonFeed {

    private final PoliceIncidentMapper mapper;
    private final String name;

    public PoliceIncidentsRoute(HttpFeedSettings props, RecordGateway gateway, FeedRuns runs) {
        this(props, props.feed(), gateway, runs);
    }

    /** @param name what the force's feed is called in the hub (each instance is a different force) */
    public PoliceIncidentsRoute(HttpFeedSettings props, String name, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.mapper = new PoliceIncidentMapper(props.agency());
        this.name = name;
    }

    @Override
    public String feedName() {
        return name;
    }

    @Override
    protected String path() {
        return "/incidents";
    }

    @Override
    protected String itemsField() {
        return "incidents";
    }

    @Override
    protected String totalPagesField() {
        return "total_pages";
    }

    @Override
    protected String idField() {
        return "reference";
    }

    @Override
    protected SourceRecord map(String runId, JsonNode item, String raw) throws IOException {
        PoliceIncident incident = json.treeToValue(item, PoliceIncident.class);
        String sourceId = PoliceIncidentMapper.sourceId(incident);
        String feed = settings().feed();
        String agency = settings().agency();
        if (sourceId == null || sourceId.isBlank()) {
            return SourceRecord.unmappable(runId, feed, agency, fallbackId(item, raw), raw,
                    "reference: the incident has neither a reference nor a persistent id");
        }
        return new SourceRecord(runId, feed, agency, sourceId, raw, mapper.people(incident),
                List.of(mapper.event(incident)), List.of());
    }
}
