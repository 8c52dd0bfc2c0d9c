-- The retrain loop's evidence on a review: the champion measured on the challenger's data
-- (an EvaluateChampionOperator's XCom, plus the champion-vs-challenger sheet's place), and the
-- auto-promote policy the review was opened with (null: off). Both written once, when it opens.
alter table review add column evaluation jsonb;
alter table review add column auto_promote jsonb;
