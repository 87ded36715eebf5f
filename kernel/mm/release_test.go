package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReleaseFreesEveryFrame(t *testing.T) {
	tests := []struct {
		name string
		work func(t *testing.T, r *rig)
	}{
		{"after nothing", func(t *testing.T, r *rig) {}},
		{"after faults, copies and brk", func(t *testing.T, r *rig) {
			r.mapAt(t, fixedVA, 4*pg, rw)
			r.touch(t, fixedVA, 4*pg)
			r.as.SetBrkBase(0x400000)
			r.as.Brk(0x400000 + 3*pg)
			require.NoError(t, r.as.CopyOut(0x400000, make([]byte, 3*pg)))
		}},
		{"after PROT_NONE keeps frames out of hardware",
			func(t *testing.T, r *rig) {
				r.mapAt(t, fixedVA, 4*pg, rw)
				r.touch(t, fixedVA, 4*pg)
				require.Zero(t, r.as.Mprotect(fixedVA, 4*pg, ProtNone))
			}},
		{"after populate, partial munmap and fixed replace",
			func(t *testing.T, r *rig) {
				a, err := r.as.Mmap(0, 8*pg, rw, anon|MapPopulate)
				require.Zero(t, err)
				require.Zero(t, r.as.Munmap(a+2*pg, 2*pg))
				_, err = r.as.Mmap(a, 2*pg, rw, anon|MapFixed|MapPopulate)
				require.Zero(t, err)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(32)
			tt.work(t, r)
			assert.Equal(t, r.as.ResidentPages(), r.mem.used())

			r.as.Release()
			r.as.Release()

			assert.Zero(t, r.mem.used())
			assert.Equal(t, 1, r.pt.released)
			assert.Empty(t, r.as.VMAs())
			assert.Zero(t, r.as.ResidentPages())
		})
	}
}
