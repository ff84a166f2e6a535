// Package lifecycle models the lifecycle of what a service is made of and
// finds where its design is silent.
//
// A service is not designed until someone has decided what happens to it
// "from good morning to good night": the day it starts, every day it is used,
// the days it changes or stops, and the day it ends. This package names those
// moments, lists the questions each one must answer, and reports every
// question left unanswered. It reads no files; the catalog package maps
// design documents onto these types and turns the [Gap] values into
// positioned diagnostics.
//
// # Subjects
//
// A lifecycle is always the lifecycle of something. Five kinds of [Subject]
// have one: the service or business itself ([Service]), the systems that run
// it ([System]), the data it keeps ([Data]), the equipment and materials it
// hands out or relies on ([Equipment]), and the permissions it grants inside
// an organisation ([Authority]). A [Plan] is the designed lifecycle of one
// such subject.
//
// # Events
//
// Each subject lives through the same five events, always in this order:
//
//   - [New] (新規): it is issued or started. Decide what is done at that
//     moment, which questions people will ask and how they are answered, and
//     how the things handed out (IDs, cards) are named so people remember them.
//   - [Use] (利用): it is in everyday use. Describe the scenes of use by its
//     users, by the operators who run it, and by third parties: operating it,
//     viewing, printing, copying and passing it around, presenting or
//     submitting it, storing it, explaining it, maintaining it.
//   - [Change] (変更): something about it changes. Decide what causes a change
//     and which kinds of change there are.
//   - [Suspend] (停止): it stops for a while. Decide what causes a stop, whether
//     permissions survive it, whether data is deleted logically or
//     physically, and whether the ID is reissued when it comes back.
//   - [Retire] (廃止): it ends for good. Decide whether personal data is kept,
//     how data and media are disposed of, how users are told, and who answers
//     their questions afterwards.
//
// [Event.Decisions] lists the [Decision] values each event must settle, with
// the camelCase keys design documents use for them.
//
// # A worked example
//
// A hamburger shop starts a membership programme with a member card. New:
// the card and its member ID are issued at the counter, staff expect to be
// asked what the points are worth, and the ID is short enough to read out.
// Use: members show the card to collect points and redeem coupons; staff look
// members up; a marketing partner may receive a coupon list. Change: a member
// changes name or address, or loses the card and needs a replacement. Suspend:
// a membership lapses when it expires or when the member asks, and the point
// system goes offline for planned maintenance; the shop must say whether
// points survive and whether a returning member keeps the old ID. Retire: the
// programme is closed, members' personal data is deleted, members are told in
// the shops and by e-mail, and a contact point answers their questions.
// Leave any of that undecided and [Plan.Gaps] says which.
//
// # Explicit versus silent
//
// A decision that does not apply is still an answer, as long as it says why:
// an [Answer] or [EventPlan] marked not applicable with a reason is settled.
// Silence, an empty answer, or "not applicable" with no reason is a gap.
// [Plan.Gaps] and [Coverage] report gaps by [GapKind]; [Plan.Status] condenses
// one event into a [Status] for a services-by-events matrix.
//
// All types are plain values; every function is safe for concurrent use.
package lifecycle
