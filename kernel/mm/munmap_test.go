package mm

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
)

func TestMunmap(t *testing.T) {
	const base = fixedVA
	tests := []struct {
		name      string
		addr      uint64
		length    uint64
		wantErr   abi.Errno
		wantVMAs  []VMA
		wantPages int
	}{
		{
			name: "splits a VMA around a hole in the middle",
			addr: base + pg, length: 2 * pg,
			wantVMAs: []VMA{
				vma(base, base+pg, rw), vma(base+3*pg, base+4*pg, rw),
			},
			wantPages: 2,
		},
		{
			name: "rounds the length up to a page",
			addr: base, length: 1,
			wantVMAs:  []VMA{vma(base+pg, base+4*pg, rw)},
			wantPages: 3,
		},
		{
			name: "removes the whole VMA and frees every frame",
			addr: base, length: 4 * pg,
			wantVMAs:  []VMA{},
			wantPages: 0,
		},
		{
			name: "accepts a range that also covers holes",
			addr: base - 8*pg, length: 16 * pg,
			wantVMAs:  []VMA{},
			wantPages: 0,
		},
		{
			name: "accepts a range with nothing mapped",
			addr: hintVA, length: pg,
			wantVMAs:  []VMA{vma(base, base+4*pg, rw)},
			wantPages: 4,
		},
		{
			name: "rejects an unaligned address",
			addr: base + 1, length: pg, wantErr: abi.EINVAL,
			wantVMAs:  []VMA{vma(base, base+4*pg, rw)},
			wantPages: 4,
		},
		{
			name: "rejects a zero length",
			addr: base, length: 0, wantErr: abi.EINVAL,
			wantVMAs:  []VMA{vma(base, base+4*pg, rw)},
			wantPages: 4,
		},
		{
			name: "rejects a range past user space",
			addr: testUserEnd - pg, length: 2 * pg, wantErr: abi.EINVAL,
			wantVMAs:  []VMA{vma(base, base+4*pg, rw)},
			wantPages: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(16)
			r.mapAt(t, base, 4*pg, rw)
			r.touch(t, base, 4*pg)

			err := r.as.Munmap(tt.addr, tt.length)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantVMAs, append([]VMA{}, r.ranges()...))
			assert.Equal(t, tt.wantPages, r.as.ResidentPages())
			assert.Equal(t, tt.wantPages, r.mem.used())
			assert.Len(t, r.pt.ptes, tt.wantPages)
		})
	}
}
