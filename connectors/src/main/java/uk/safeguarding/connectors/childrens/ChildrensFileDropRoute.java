package uk.safeguarding.connectors.childrens;

import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.file.CsvFileDrop;

/** Children's social care's file drop: Children in Need census returns (XML), with the children's names. */
public class ChildrensFileDropRoute extends CsvFileDrop {

    private final CinCensusReader cin;

    public ChildrensFileDropRoute(ChildrensFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.cin = new CinCensusReader(props.feed(), props.agency());
    }

    @Override
    protected String include() {
        return ".*\\.(xml|csv)";
    }

    /** No CSV kind yet (SSDA903 is still to come): a CSV file is quarantined as of unknown kind. */
    @Override
    protected List<FileKind> kinds() {
        return List.of();
    }

    @Override
    protected List<SourceRecord> readOther(String runId, String fileName, String text) {
        return cin.read(runId, fileName, text);
    }
}
