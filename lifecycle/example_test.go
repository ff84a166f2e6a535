package lifecycle_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// Design documents may name events in Japanese; they parse to the same values.
func ExampleParseEvent() {
	e, err := lifecycle.ParseEvent("停止")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e, e.Japanese())
	for _, d := range e.Decisions() {
		fmt.Println(d)
	}
	// Output:
	// suspend 停止
	// suspend.triggers
	// suspend.permissions
	// suspend.deletion
	// suspend.idReissue
}

// The member records of the hamburger shop's card programme: every event is
// designed except retirement, and nobody has said how data is deleted on
// suspension.
func ExamplePlan_Gaps() {
	settled := func(text string) lifecycle.Answer { return lifecycle.Answer{Text: text} }
	plan := lifecycle.Plan{
		Subject: lifecycle.Data,
		Name:    "member-records",
		Events: map[lifecycle.Event]lifecycle.EventPlan{
			lifecycle.New: {Answers: map[string]lifecycle.Answer{
				"issuance":  settled("record created when the card is issued at the counter"),
				"inquiries": settled("FAQ on the points page"),
				"naming":    settled("member ID is 8 digits printed on the card"),
			}},
			lifecycle.Use: {Answers: map[string]lifecycle.Answer{
				"users":        settled("members see their points in the app"),
				"operators":    settled("staff look members up by ID"),
				"thirdParties": {NotApplicable: true, Reason: "records are never shared"},
			}},
			lifecycle.Change: {Answers: map[string]lifecycle.Answer{
				"triggers": settled("new name or address; lost card"),
				"patterns": settled("edit in place; reissue card keeping the record"),
			}},
			lifecycle.Suspend: {Answers: map[string]lifecycle.Answer{
				"triggers":    settled("expiry or the member's request"),
				"permissions": settled("points are frozen, not lost"),
				"idReissue":   settled("a returning member keeps the ID"),
			}},
		},
	}
	for _, g := range plan.Gaps() {
		fmt.Println(g)
	}
	fmt.Println(plan.Status(lifecycle.Suspend), plan.Status(lifecycle.Retire))
	// Output:
	// data "member-records": suspend.deletion: open decision
	// data "member-records": retire: missing event
	// partial missing
}
