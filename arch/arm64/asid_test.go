package arm64

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestASIDs(t *testing.T) {
	tests := []struct {
		name string
		// spaces is how many address spaces run once each, in order.
		spaces      int
		wantFlushes int
		wantLast    uint16
		wantFirst   bool // the first space's ID is still live
	}{
		{"hands out IDs from 1", 1, 0, 1, true},
		{"fills a generation without flushing", 255, 0, 255, true},
		{"flushes when IDs run out", 256, 1, 1, false},
		{"starts over each generation", 255*2 + 1, 2, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flushes := 0
			s := ASIDs{FlushAll: func() { flushes++ }}
			as := make([]ASID, tt.spaces)

			var last uint16
			for i := range as {
				last = s.Assign(&as[i])
			}

			assert.Equal(t, tt.wantFlushes, flushes)
			assert.Equal(t, tt.wantLast, last)
			_, live := s.Live(&as[0])
			assert.Equal(t, tt.wantFirst, live)
		})
	}
}

func TestASIDStaysWithinAGeneration(t *testing.T) {
	s := ASIDs{}
	var a, b ASID
	_, live := s.Live(&a)
	assert.False(t, live, "never ran: nothing to invalidate")

	ida := s.Assign(&a)
	idb := s.Assign(&b)

	assert.NotEqual(t, ida, idb)
	assert.Equal(t, ida, s.Assign(&a), "same ID on the next run")
	id, live := s.Live(&a)
	assert.True(t, live)
	assert.Equal(t, ida, id)
	assert.NotZero(t, ida, "ID 0 is the boot tables'")
}
