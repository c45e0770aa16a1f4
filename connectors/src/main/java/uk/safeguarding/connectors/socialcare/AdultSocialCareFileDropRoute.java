package uk.safeguarding.connectors.socialcare;

import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.file.CsvFileDrop;

/** Adult social care's file drop: Client Level Data events and s42 safeguarding enquiries. */
public class AdultSocialCareFileDropRoute extends CsvFileDrop {

    private final AdultSocialCareRowMapper mapper;

    public AdultSocialCareFileDropRoute(AdultSocialCareFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.mapper = new AdultSocialCareRowMapper(props.feed(), props.agency());
    }

    @Override
    protected List<FileKind> kinds() {
        return List.of(new FileKind("Client Level Data events", AdultSocialCareRowMapper.CLD_COLUMNS, mapper::clientEvent,
                        List.of(new HeaderVersion("NHS England Client Level Data names", AdultSocialCareRowMapper.NHSE_CLD_COLUMNS,
                                AdultSocialCareRowMapper.NHSE_CLD_RENAMES))),
                new FileKind("s42 safeguarding enquiries", AdultSocialCareRowMapper.ENQUIRY_COLUMNS, mapper::enquiry));
    }

    @Override
    public String feedName() {
        return "Adult social care: client-level events and s42 enquiries";
    }
}
