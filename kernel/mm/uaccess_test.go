package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDirectWindows(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		name   string
		layout Layout
		want   [2]Range
	}{
		{name: "amd64's two user ranges are the whole user space",
			layout: Layout{UserEnd: 0x7ffffffff000, Reserved: []Range{
				{0, 2 << 20}, {256 << 20, 6 * gib}}},
			want: [2]Range{{6 * gib, 0x7ffffffff000},
				{2 << 20, 256 << 20}}},
		{name: "reserved ranges out of order, the largest two of three",
			layout: Layout{UserEnd: 512 * gib, Reserved: []Range{
				{gib, 2 * gib}, {0x08000000, 0x0a200000}}},
			want: [2]Range{{2 * gib, 512 * gib},
				{0x0a200000, gib}}},
		{name: "nothing reserved: one window, the other empty",
			layout: Layout{UserEnd: 1 << 47},
			want:   [2]Range{{0, 1 << 47}, {}}},
		{name: "a reserved range past UserEnd is ignored",
			layout: Layout{UserEnd: 4 * gib, Reserved: []Range{
				{0, gib}, {8 * gib, 9 * gib}}},
			want: [2]Range{{gib, 4 * gib}, {}}},
		{name: "a reserved range reaching past UserEnd leaves nothing",
			layout: Layout{UserEnd: 4 * gib, Reserved: []Range{
				{0, 5 * gib}, {8 * gib, 9 * gib}}},
			want: [2]Range{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, directWindows(tc.layout))
		})
	}
}
