package mm

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mustGet is get for tests: the frame, or 0 when absent.
func (r *pageRecord) mustGet(vpn uint64) uint64 {
	pa, _ := r.get(vpn)
	return pa
}

func TestPageRecordAgainstAMap(t *testing.T) {
	var r pageRecord
	want := map[uint64]uint64{}
	rng := rand.New(rand.NewPCG(1, 2))

	// Clusters as a task has them (text, heap, stack, mmap) and strays
	// across the whole 36-bit range, set, overwritten and deleted.
	bases := []uint64{0x400, 0x500000, 0x7fff_fff00, recordVPNs - 600}
	for range 20000 {
		vpn := bases[rng.IntN(len(bases))] + uint64(rng.IntN(1200))
		if rng.IntN(8) == 0 {
			vpn = uint64(rng.Int64N(recordVPNs))
		}
		if vpn >= recordVPNs {
			continue
		}
		switch rng.IntN(3) {
		case 0, 1:
			pa := uint64(rng.IntN(1<<20)) << pageShift
			r.set(vpn, pa)
			want[vpn] = pa
		case 2:
			r.del(vpn)
			delete(want, vpn)
		}
	}

	require.Equal(t, len(want), r.len())
	for vpn, pa := range want {
		got, ok := r.get(vpn)
		require.True(t, ok, "vpn %#x", vpn)
		require.Equal(t, pa, got, "vpn %#x", vpn)
	}

	var prev uint64
	seen := 0
	require.NoError(t, r.each(0, recordVPNs, func(vpn, pa uint64) error {
		assert.Equal(t, want[vpn], pa)
		if seen > 0 {
			assert.Greater(t, vpn, prev, "address order")
		}
		prev = vpn
		seen++
		return nil
	}))
	assert.Equal(t, len(want), seen)
}

func TestPageRecordEachRange(t *testing.T) {
	var r pageRecord
	for _, vpn := range []uint64{10, 511, 512, 513, 1 << 20, 1<<20 + 1} {
		r.set(vpn, vpn<<pageShift)
	}
	tests := []struct {
		name        string
		first, last uint64
		want        []uint64
	}{
		{"everything", 0, recordVPNs, []uint64{10, 511, 512, 513,
			1 << 20, 1<<20 + 1}},
		{"across a leaf boundary", 511, 513, []uint64{511, 512}},
		{"last excluded", 0, 10, nil},
		{"inside one leaf", 500, 512, []uint64{511}},
		{"one leaf, nothing there", 1 << 21, 1<<21 + 5, nil},
		{"a far leaf", 1 << 19, 1<<20 + 1, []uint64{1 << 20}},
		{"empty range", 600, 600, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint64
			require.NoError(t, r.each(tt.first, tt.last,
				func(vpn, pa uint64) error {
					assert.Equal(t, vpn<<pageShift, pa)
					got = append(got, vpn)
					return nil
				}))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPageRecordEachStopsAtAnError(t *testing.T) {
	var r pageRecord
	r.set(1, 0x1000)
	r.set(2, 0x2000)
	stop := errors.New("stop")
	calls := 0

	err := r.each(0, recordVPNs, func(uint64, uint64) error {
		calls++
		return stop
	})

	assert.Equal(t, stop, err)
	assert.Equal(t, 1, calls)
}

func TestPageRecordClear(t *testing.T) {
	var r pageRecord
	r.set(5, 0x5000)
	_, _ = r.get(5) // fill the last-leaf cache

	r.clear()

	_, ok := r.get(5)
	assert.False(t, ok, "the cached leaf does not survive clear")
	assert.Zero(t, r.len())
	r.set(5, 0x6000)
	assert.Equal(t, uint64(0x6000), r.mustGet(5))
}

func TestPageRecordFrameZero(t *testing.T) {
	var r pageRecord
	r.set(7, 0)

	pa, ok := r.get(7)

	assert.True(t, ok, "frame 0 is present, not absent")
	assert.Zero(t, pa)
	assert.Equal(t, 1, r.len())
}
