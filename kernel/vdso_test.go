package kernel

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// vdsoMachineFake is a Machine whose counter the vDSO can read.
type vdsoMachineFake struct {
	Machine
	kind, param uint64
}

func (m vdsoMachineFake) VDSOClock() (uint64, uint64) { return m.kind, m.param }

// vdsoClockFake is the test clock with the vDSO's offsets.
type vdsoClockFake struct {
	*envClock
	boot, wall int64
}

func (c vdsoClockFake) vdsoTimes() (int64, int64) { return c.boot, c.wall }

// tinyDSO is an ELF64 shared object of one PT_LOAD at offset off, with
// no sections: enough for checkVDSO.
func tinyDSO(off uint64) []byte {
	b := make([]byte, 64+56+16)
	le := binary.LittleEndian
	copy(b, "\x7fELF\x02\x01\x01")
	le.PutUint16(b[16:], 3)  // ET_DYN
	le.PutUint16(b[18:], 62) // EM_X86_64
	le.PutUint32(b[20:], 1)
	le.PutUint64(b[32:], 64) // e_phoff
	le.PutUint16(b[52:], 64)
	le.PutUint16(b[54:], 56)
	le.PutUint16(b[56:], 1)
	ph := b[64:]
	le.PutUint32(ph[0:], 1) // PT_LOAD
	le.PutUint32(ph[4:], 5) // R+X
	le.PutUint64(ph[8:], off)
	le.PutUint64(ph[16:], off)
	le.PutUint64(ph[32:], uint64(len(b))-off)
	le.PutUint64(ph[40:], uint64(len(b))-off)
	return b
}

func vdsoEnv(t *testing.T) *sysEnv {
	e := newEnv(t)
	e.k.Machine = vdsoMachineFake{kind: VDSOClockCNTVCT, param: 62500000}
	e.k.Clock = vdsoClockFake{e.clock, 1234, -5678}
	e.k.VDSO = tinyDSO(0)
	return e
}

func TestVDSOMapsDataPageAndImage(t *testing.T) {
	e := vdsoEnv(t)
	layout := mm.Layout{UserEnd: envUserEnd, MmapBase: 0x7f0000000000}

	base, err := e.k.mapVDSO(e.t.MM, layout)
	require.NoError(t, err)
	require.Equal(t, layout.MmapBase+abi.PageSize, base)

	v := e.peek(t, layout.MmapBase, vvarSize)
	le := binary.LittleEndian
	assert.Equal(t, uint64(VDSOClockCNTVCT), le.Uint64(v[0:]))
	assert.Equal(t, uint64(62500000), le.Uint64(v[8:]))
	assert.Equal(t, int64(1234), int64(le.Uint64(v[16:])))
	assert.Equal(t, int64(-5678), int64(le.Uint64(v[24:])))
	assert.Equal(t, e.k.VDSO, e.peek(t, base, len(e.k.VDSO)))

	// Both are read-only to the task.
	assert.Equal(t, abi.EFAULT, e.t.MM.CopyOut(layout.MmapBase, []byte{1}))
	assert.Equal(t, abi.EFAULT, e.t.MM.CopyOut(base, []byte{1}))
}

func TestNoVDSOWithoutAClockItCanRead(t *testing.T) {
	e := vdsoEnv(t)
	e.k.Clock = e.clock

	base, err := e.k.mapVDSO(e.t.MM, mm.Layout{MmapBase: 0x7f0000000000})
	require.NoError(t, err)
	assert.Zero(t, base, "no AT_SYSINFO_EHDR: the libcs make syscalls")
}

func TestVDSOImageMustMapAsItIs(t *testing.T) {
	e := vdsoEnv(t)
	e.k.VDSO = tinyDSO(0x40)

	_, err := e.k.mapVDSO(e.t.MM, mm.Layout{MmapBase: 0x7f0000000000})
	assert.ErrorContains(t, err, "not mappable as it is")
}
