package mm

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscard(t *testing.T) {
	tests := []struct {
		name      string
		addr      uint64
		length    uint64
		wantErr   abi.Errno
		wantPages int
	}{
		{"frees the frames of the range", fixedVA + pg, 2 * pg, 0, 2},
		{"rounds the length up", fixedVA, 1, 0, 3},
		{"skips holes", fixedVA - 4*pg, 16 * pg, 0, 0},
		{"rejects an unaligned address", fixedVA + 1, pg, abi.EINVAL, 4},
		{"rejects a range past user space", testUserEnd - pg, 2 * pg,
			abi.EINVAL, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(8)
			r.mapAt(t, fixedVA, 4*pg, rw)
			require.NoError(t, r.as.CopyOut(fixedVA,
				[]byte{1, 2, 3, 4, 5, 6, 7, 8}))
			r.touch(t, fixedVA, 4*pg)

			err := r.as.Discard(tt.addr, tt.length)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantPages, r.mem.used())
			assert.Len(t, r.pt.ptes, tt.wantPages)
			assert.Equal(t, []VMA{vma(fixedVA, fixedVA+4*pg, rw)},
				r.ranges(), "VMAs stay")
			if tt.wantErr == 0 && tt.addr <= fixedVA {
				got := make([]byte, 8)
				require.NoError(t, r.as.CopyIn(fixedVA, got))
				assert.Equal(t, make([]byte, 8), got, "reads zero")
			}
		})
	}
}
