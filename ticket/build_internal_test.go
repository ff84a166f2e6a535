package ticket

import "testing"

const benchHistory = "2026-10-01T03:22:00+09:00 in-progress agent:takahashi; 2026-10-01T03:24:00+09:00 waiting agent:takahashi; 2026-10-01T04:27:00+09:00 in-progress requester:cust-c; 2026-10-01T13:00:00+09:00 resolved agent:takahashi"

func BenchmarkParseHistory(b *testing.B) {
	m := NativeMapping(nil)
	bl := &builder{m: &m}
	b.ReportAllocs()
	for range b.N {
		bl.reset(Source{})
		if h := bl.parseHistory(benchHistory); len(h) != 4 {
			b.Fatal(h)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	m := NativeMapping(nil)
	bl := &builder{m: &m}
	b.ReportAllocs()
	for range b.N {
		bl.reset(Source{})
		bl.raw[FieldID] = "MSP-0000002"
		bl.raw[FieldTitle] = "[cust-c/web02] CPU使用率 95%超過"
		bl.raw[FieldService] = "alert-response"
		bl.raw[FieldRequestType] = "investigate-alert"
		bl.raw[FieldCategory] = "incident"
		bl.raw[FieldSeverity] = "warning"
		bl.raw[FieldChannel] = "alert"
		bl.raw[FieldRequester] = "zabbix"
		bl.raw[FieldAssignee] = "takahashi"
		bl.raw[FieldLabels] = "cust-c"
		bl.raw[FieldTimeSpent] = "436m"
		bl.raw[FieldCreated] = "2026-10-01T03:19:00+09:00"
		bl.raw[FieldCompleted] = "2026-10-01T11:12:00+09:00"
		bl.raw[FieldHistory] = benchHistory
		if !bl.build() {
			b.Fatal(bl.diags)
		}
	}
}
