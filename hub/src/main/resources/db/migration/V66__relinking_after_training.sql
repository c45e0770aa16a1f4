-- identity (issue 17): after the match weights are re-trained, the matcher looks again at what it decided
-- with the old ones. An open pair may be withdrawn (now below the review threshold) or linked (now above
-- the link threshold); a record it linked automatically may leave its subject (now below the link
-- threshold). Each link or unlink is a decision of its own by hub:matcher, with its moves kept.
alter table link_review drop constraint link_review_status_check;
alter table link_review add constraint link_review_status_check
    check (status in ('pending', 'confirmed', 'rejected', 'withdrawn', 'linked'));
alter table identity_decision drop constraint identity_decision_kind_check;
alter table identity_decision add constraint identity_decision_kind_check
    check (kind in ('confirm-link', 'reject-link', 'split-subject', 'merge-subjects', 'link-after-training',
                    'unlink-after-training'));
