package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscardMapped(t *testing.T) {
	tests := []struct {
		name       string
		start, end uint64
		wantMapped bool
		wantHole   bool
		wantPages  int
	}{
		{"frees the frames of the range", fixedVA + pg, fixedVA + 3*pg,
			true, false, 2},
		{"the whole mapping", fixedVA, fixedVA + 4*pg, true, false, 0},
		{"a hole before: the mapped part is still freed",
			fixedVA - 4*pg, fixedVA + 2*pg, true, true, 2},
		{"a hole after", fixedVA + 3*pg, fixedVA + 6*pg, true, true, 3},
		{"only a hole", fixedVA + 8*pg, fixedVA + 9*pg, false, true, 4},
		{"nothing at all", fixedVA, fixedVA, false, false, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(8)
			r.mapAt(t, fixedVA, 4*pg, rw)
			require.NoError(t, r.as.CopyOut(fixedVA,
				[]byte{1, 2, 3, 4, 5, 6, 7, 8}))
			r.touch(t, fixedVA, 4*pg)

			mapped, hole := r.as.DiscardMapped(tt.start, tt.end)

			assert.Equal(t, tt.wantMapped, mapped, "mapped")
			assert.Equal(t, tt.wantHole, hole, "hole")
			assert.Equal(t, tt.wantPages, r.mem.used())
			assert.Len(t, r.pt.ptes, tt.wantPages)
			assert.Equal(t, []VMA{vma(fixedVA, fixedVA+4*pg, rw)},
				r.ranges(), "VMAs stay")
			if tt.start <= fixedVA && tt.end > fixedVA {
				got := make([]byte, 8)
				require.NoError(t, r.as.CopyIn(fixedVA, got))
				assert.Equal(t, make([]byte, 8), got, "reads zero")
			}
		})
	}
}

func TestCoverageChangesNothing(t *testing.T) {
	r := newRig(8)
	r.mapAt(t, fixedVA, 2*pg, rw)
	r.mapAt(t, fixedVA+3*pg, pg, rw)
	r.touch(t, fixedVA, 2*pg)

	mapped, hole := r.as.Coverage(fixedVA, fixedVA+4*pg)

	assert.True(t, mapped)
	assert.True(t, hole, "the page between the two VMAs")
	assert.Equal(t, 2, r.mem.used())
	mapped, hole = r.as.Coverage(fixedVA, fixedVA+2*pg)
	assert.True(t, mapped)
	assert.False(t, hole)
}
