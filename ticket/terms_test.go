package ticket_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/ticket"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		title string
		want  []string
	}{
		{"ポイントが反映されない", []string{"ポイント", "反映されない"}},
		{"クーポンが使えない", []string{"クーポン", "使えない"}},
		{"アプリにログインできない", []string{"アプリ", "ログイン"}},
		{"店舗の営業時間について", []string{"店舗", "営業時間"}},
		{"[cust-a/db01] ディスク使用率 90%超過", []string{"cust", "ディスク", "使用率", "超過"}},
		{"Cannot log in to the VPN", []string{"cannot", "log", "vpn"}},
		{"ＶＰＮにつながらない", []string{"vpn"}},
		{"カード再発行のお願い", []string{"カード", "再発行"}},
		{"", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ticket.Terms(tt.title), tt.title)
	}
}
