-- search: a name is looked up by the start of the given name, the family name or both, whatever the
-- database's collation (text_pattern_ops serves LIKE 'prefix%' under any locale)
create index person_record_given_prefix on person_record (given_name_key text_pattern_ops);
create index person_record_family_prefix on person_record (family_name_key text_pattern_ops);
create index person_record_full_name_prefix on person_record ((given_name_key || ' ' || family_name_key) text_pattern_ops);
create index person_record_dob on person_record (date_of_birth);
