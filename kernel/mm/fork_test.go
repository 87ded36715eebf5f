package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestForkCopiesPagesPrivately(t *testing.T) {
	r := newRig(16)
	r.mapAt(t, fixedVA, 2*pg, rw)
	r.mapAt(t, fixedVA+3*pg, pg, ProtRead)
	require.NoError(t, r.as.CopyOut(fixedVA+8, []byte("parent")))

	cpt := &fakePT{ptes: map[uint64]fakePTE{}}
	c, err := r.as.Fork(cpt)
	require.NoError(t, err)

	assert.Equal(t, r.as.VMAs(), c.VMAs())
	assert.Equal(t, 1, c.ResidentPages(), "only the touched page")
	got := make([]byte, 6)
	require.NoError(t, c.CopyIn(fixedVA+8, got))
	assert.Equal(t, "parent", string(got))

	require.NoError(t, c.CopyOut(fixedVA+8, []byte("child!")))
	require.NoError(t, r.as.CopyIn(fixedVA+8, got))
	assert.Equal(t, "parent", string(got), "the copy is private")

	pte, ok := cpt.ptes[fixedVA]
	require.True(t, ok, "the child's table maps the copy")
	assert.True(t, pte.write)
	assert.Equal(t, abi.EFAULT, c.CopyOut(fixedVA+3*pg, got),
		"protections come along")
}

func TestForkOutOfFramesGivesThemBack(t *testing.T) {
	r := newRig(3)
	r.mapAt(t, fixedVA, 3*pg, rw)
	for i := range uint64(3) {
		require.NoError(t, r.as.CopyOut(fixedVA+i*pg, []byte{1}))
	}
	used := r.mem.used()

	_, err := r.as.Fork(&fakePT{ptes: map[uint64]fakePTE{}})
	assert.Equal(t, abi.ENOMEM, err)
	assert.Equal(t, used, r.mem.used())
}
