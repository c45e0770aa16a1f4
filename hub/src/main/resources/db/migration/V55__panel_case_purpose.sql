-- casework: a panel case belongs to the purpose it was opened under (issue 15, item 2). It is read and worked
-- under that purpose only: a case opened for the VVASB panel is no case at all to a MARAC reader. Cases opened
-- before this take the purpose their referral was audited under (the audit log says which).
alter table panel_case add column purpose text not null default 'VVASB_PANEL';

update panel_case c set purpose = a.purpose
from audit_entry a
where a.operation = 'referCase' and a.detail->>'case' = c.id::text and a.purpose is not null;

create index panel_case_purpose on panel_case (purpose, borough);
