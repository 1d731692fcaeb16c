/** Every rule, in the order their messages are produced. */
import type {Rule} from './rule.js';
import {frontMatterYaml} from './front-matter-yaml.js';
import {frontMatterMissing} from './front-matter-missing.js';
import {frontMatterRequired} from './front-matter-required.js';
import {frontMatterType} from './front-matter-type.js';
import {frontMatterUnknown} from './front-matter-unknown.js';
import {frontMatterState} from './front-matter-state.js';
import {classificationMissing} from './classification-missing.js';
import {classificationUnknown} from './classification-unknown.js';
import {classificationRestricted} from './classification-restricted.js';
import {classificationStatementMismatch} from './classification-statement-mismatch.js';
import {classificationStatementMissing} from './classification-statement-missing.js';
import {classificationMarker} from './classification-marker.js';
import {agendaMissing} from './agenda-missing.js';
import {agendaOrder} from './agenda-order.js';
import {agendaDuplicate} from './agenda-duplicate.js';
import {agendaItemTitle} from './agenda-item-title.js';
import {agendaItemOwner} from './agenda-item-owner.js';
import {agendaItemForm} from './agenda-item-form.js';
import {meetingDuplicate} from './meeting-duplicate.js';
import {meetingOrder} from './meeting-order.js';
import {meetingTitleMismatch} from './meeting-title-mismatch.js';
import {nextMeetingDate} from './next-meeting-date.js';
import {linkPlaceholder} from './link-placeholder.js';
import {htmlRaw} from './html-raw.js';
import {linkUnsafe} from './link-unsafe.js';
import {agendaItemHidden} from './agenda-item-hidden.js';
import {nextMeetingUndated} from './next-meeting-undated.js';
import {imageTooLarge} from './image-too-large.js';

export type {Rule, Reporter} from './rule.js';

/** All rules. */
export const rules: readonly Rule[] = [
  frontMatterYaml, frontMatterMissing, frontMatterRequired, frontMatterType, frontMatterState, frontMatterUnknown,
  classificationMissing, classificationUnknown, classificationRestricted, classificationStatementMismatch, classificationMarker, classificationStatementMissing,
  agendaMissing, agendaOrder, agendaDuplicate, agendaItemTitle, agendaItemOwner, agendaItemForm,
  meetingDuplicate, meetingOrder, meetingTitleMismatch, nextMeetingDate,
  linkPlaceholder, htmlRaw, linkUnsafe,
  agendaItemHidden, nextMeetingUndated, imageTooLarge,
];
