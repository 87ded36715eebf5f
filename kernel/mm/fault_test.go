package mm

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
)

func TestHandleFault(t *testing.T) {
	const (
		ro   = fixedVA
		wo   = fixedVA + pg
		xo   = fixedVA + 2*pg
		none = fixedVA + 3*pg
		rwx  = fixedVA + 4*pg
	)
	tests := []struct {
		name        string
		frames      int
		addr        uint64
		write, exec bool
		wantOK      bool
		wantCode    int
		wantPTE     *fakePTE
	}{
		{name: "maps a read of a readable page", frames: 8,
			addr: ro + 0x123, wantOK: true,
			wantPTE: &fakePTE{write: false, exec: false}},
		{name: "maps a write with write permission", frames: 8,
			addr: rwx, write: true, wantOK: true,
			wantPTE: &fakePTE{write: true, exec: true}},
		{name: "lets a write-only page be read", frames: 8,
			addr: wo, wantOK: true,
			wantPTE: &fakePTE{write: true}},
		{name: "lets an exec-only page be read", frames: 8,
			addr: xo, wantOK: true,
			wantPTE: &fakePTE{exec: true}},
		{name: "maps an instruction fetch from exec memory", frames: 8,
			addr: xo, exec: true, wantOK: true,
			wantPTE: &fakePTE{exec: true}},
		{name: "is SEGV_MAPERR with no VMA", frames: 8,
			addr: hintVA, wantCode: abi.SEGV_MAPERR},
		{name: "is SEGV_MAPERR just past a VMA", frames: 8,
			addr: rwx + pg, wantCode: abi.SEGV_MAPERR},
		{name: "is SEGV_MAPERR past the end of user space", frames: 8,
			addr: testUserEnd, wantCode: abi.SEGV_MAPERR},
		{name: "is SEGV_MAPERR in kernel memory", frames: 8,
			addr: 0x10000000, wantCode: abi.SEGV_MAPERR},
		{name: "is SEGV_ACCERR for a write to read-only", frames: 8,
			addr: ro, write: true, wantCode: abi.SEGV_ACCERR},
		{name: "is SEGV_ACCERR for a fetch from non-exec", frames: 8,
			addr: ro, exec: true, wantCode: abi.SEGV_ACCERR},
		{name: "is SEGV_ACCERR for a read of PROT_NONE", frames: 8,
			addr: none, wantCode: abi.SEGV_ACCERR},
		{name: "fails when frames run out", frames: 0,
			addr: ro, wantCode: abi.SEGV_MAPERR},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(tt.frames)
			r.mapAt(t, ro, pg, ProtRead)
			r.mapAt(t, wo, pg, ProtWrite)
			r.mapAt(t, xo, pg, ProtExec)
			r.mapAt(t, none, pg, ProtNone)
			r.mapAt(t, rwx, pg, ProtRead|ProtWrite|ProtExec)

			ok, code := r.as.HandleFault(tt.addr, tt.write, tt.exec)

			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantCode, code)
			if tt.wantPTE == nil {
				assert.Empty(t, r.pt.ptes)
				assert.Zero(t, r.mem.used())
				return
			}
			pte, mapped := r.pt.ptes[pageDown(tt.addr)]
			assert.True(t, mapped)
			assert.Equal(t, tt.wantPTE.write, pte.write)
			assert.Equal(t, tt.wantPTE.exec, pte.exec)
			assert.Equal(t, 1, r.mem.used())
		})
	}
}

func TestHandleFaultKeepsAPresentPage(t *testing.T) {
	r := newRig(8)
	r.mapAt(t, fixedVA, pg, rw)
	assert.NoError(t, r.as.CopyOut(fixedVA, []byte{42}))
	pa := r.pt.ptes[fixedVA].pa
	delete(r.pt.ptes, fixedVA) // as if the hardware lost it

	ok, _ := r.as.HandleFault(fixedVA, true, false)

	assert.True(t, ok)
	assert.Equal(t, fakePTE{pa, true, false}, r.pt.ptes[fixedVA])
	assert.Equal(t, 1, r.mem.used())
	assert.Equal(t, byte(42), r.mem.Frame(pa)[0])
}

func TestHandleFaultReturnsTheFrameWhenTheTableIsFull(t *testing.T) {
	r := newRig(8)
	r.mapAt(t, fixedVA, pg, rw)
	r.pt.full = true

	ok, code := r.as.HandleFault(fixedVA, false, false)

	assert.False(t, ok)
	assert.Equal(t, abi.SEGV_MAPERR, code)
	assert.Zero(t, r.mem.used())
}
