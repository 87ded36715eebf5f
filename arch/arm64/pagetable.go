package arm64

import (
	"errors"

	"github.com/ringside-kernel/ringside/arch/internal/ptable"
)

// A task's AArch64 translation tables for TTBR0_EL1 (Arm ARM D8, VMSAv8-64
// with a 4 KiB granule and a 39-bit address range: level 1 to level 3),
// with the kernel's boot mappings shared, EL1-only and global, so that
// exceptions from EL0 keep running on the task's tables. The table
// frames and the walk are arch/internal/ptable's; the descriptor bits and
// the layout are here.

// Descriptor bits (D8.3, Table D8-36 and D8-48 of the stage 1 attributes).
const (
	descValid   = 1 << 0
	descTable   = 3 // levels 1 and 2: next-level table
	descBlock   = 1 // levels 1 and 2: 1 GiB or 2 MiB block
	descPage    = 3 // level 3: 4 KiB page
	descTypeMsk = 3
	descAPUser  = 1 << 6 // AP[1]: EL0 access
	descAPRO    = 1 << 7 // AP[2]: read-only at every EL
	descSHInner = 3 << 8
	descAF      = 1 << 10 // access flag: set, or the first access faults
	descNG      = 1 << 11 // not global: tagged with the ASID
	descPXN     = 1 << 53
	descUXN     = 1 << 54
	descAddr    = 0x0000_ffff_ffff_f000
)

const (
	// PageSize is the translation granule.
	PageSize  = ptable.FrameSize
	ptEntries = ptable.Entries
	// UserTop is one past the highest TTBR0 address.
	UserTop = 1 << VABits
	// VABits is the width of the TTBR0 address range: 512 GiB, three
	// levels of tables (TCR_EL1.T0SZ = 25).
	VABits = 39
)

// userPage is what every user leaf entry holds besides the frame, the
// permission bits and UXN: a normal write-back inner-shareable page,
// accessed, tagged with the ASID, never executable at EL1.
const userPage = descPage | attrNormal<<2 | descSHInner | descAF | descNG |
	descAPUser | descPXN

// MAIR_EL1 attribute indexes (see cpu.go for the register value).
const (
	attrDevice = 0 // Device-nGnRnE
	attrNormal = 1 // Normal, inner and outer write-back RW-allocate
)

// KernelTemplate is the part of the boot tables every task shares.
type KernelTemplate struct {
	// L1 holds the boot level 1 entries; slots 1..511 are copied into
	// every task's level 1 table and their valid ones are kernel-only
	// address space. Slot 0 is ignored: the task's own level 2 table
	// of the first GiB goes there.
	L1 [ptEntries]uint64
	// L2 holds, by slot, the boot level 2 entries of the first GiB
	// (2 MiB each) the task's level 2 table copies: the devices the
	// kernel uses. Those slots are kernel-only address space.
	L2 map[int]uint64
}

// BootKernelTemplate reads the template from the boot level 1 table at
// root, whose slot 0 must point to a level 2 table, taking slots l2Slots
// of that level 2 table.
func BootKernelTemplate(frame func(pa uint64) []byte, root uint64,
	l2Slots []int) KernelTemplate {
	var k KernelTemplate
	l1 := frame(root)
	for i := range ptEntries {
		k.L1[i] = pteAt(l1, i)
	}
	l2 := frame(k.L1[0] & descAddr)
	k.L2 = make(map[int]uint64)
	for _, i := range l2Slots {
		k.L2[i] = pteAt(l2, i)
	}
	return k
}

// L2Slots returns the 2 MiB slots of the first GiB that [start, end)
// touches, for a template.
func L2Slots(start, end uint64) []int {
	var s []int
	if start >= end {
		return nil
	}
	for a := start &^ (1<<21 - 1); a < end && a < 1<<30; a += 1 << 21 {
		s = append(s, int(a>>21))
	}
	return s
}

var (
	// ErrKernelAddress is returned by Map for an address the kernel's
	// mappings own.
	ErrKernelAddress = errors.New("arm64: address reserved for the kernel")
	// ErrBadAddress is returned by Map for a misaligned address or one
	// outside the TTBR0 range.
	ErrBadAddress = errors.New("arm64: address not a 4 KiB user page")
	// ErrNoTableFrame is returned when a table frame cannot be allocated.
	ErrNoTableFrame = errors.New("arm64: out of frames for page tables")
)

// layout is how ptable walks a task's tables: levels 1 and 2 above the
// level 3 table; a block descriptor ends the walk at a kernel block.
var layout = ptable.Layout{
	Valid:      descValid,
	Addr:       descAddr,
	Table:      descTable,
	BlockMask:  descTypeMsk,
	Block:      descBlock,
	Shifts:     []uint{30, 21},
	ErrNoFrame: ErrNoTableFrame,
	ErrBlock:   ErrKernelAddress,
}

// PageTable is one task's translation tables; it implements mm.PageTable.
// It is not safe for concurrent use: the address space serializes calls.
type PageTable struct {
	// Invalidate drops the TLB entry of a user page whose mapping was
	// removed or changed (TLBI VAE1IS with the table's ASID on bare
	// metal); nil on the host.
	Invalidate func(va uint64)

	tables ptable.Tables
	kernel KernelTemplate
}

// NewPageTable builds a task's tables from frames of alloc, which frame
// reaches: a level 1 table holding the template's slots 1..511, whose
// slot 0 points to a level 2 table of the task holding the template's
// level 2 slots. free takes table frames back on Release.
func NewPageTable(alloc func() (uint64, bool), free func(uint64),
	frame func(pa uint64) []byte, kernel KernelTemplate) (*PageTable,
	error) {
	pt := &PageTable{tables: ptable.New(&layout, alloc, free, frame),
		kernel: kernel}

	l1, err := pt.tables.NewTable()
	if err != nil {
		return nil, err
	}
	l2, err := pt.tables.NewTable()
	if err != nil {
		pt.Release()
		return nil, err
	}

	l1Frame := frame(l1)
	setPTE(l1Frame, 0, l2|descTable)
	for i := 1; i < ptEntries; i++ {
		setPTE(l1Frame, i, kernel.L1[i])
	}
	l2Frame := frame(l2)
	for i, e := range kernel.L2 {
		setPTE(l2Frame, i, e)
	}
	return pt, nil
}

// Root is the level 1 table's physical address, the BADDR of TTBR0_EL1.
func (pt *PageTable) Root() uint64 { return pt.tables.Root() }

// Map installs a 4 KiB user page va -> pa (D8.4 access permissions): EL0
// read always, AP[2] unless write, UXN unless exec, PXN always, nG so
// that the entry is the task's only. Missing tables are allocated.
// Mapping over a valid page replaces it (that is how permissions
// change): a different frame goes through an invalid entry and a TLB
// invalidation first (break-before-make, D8.16.1), a permission change
// is invalidated after.
func (pt *PageTable) Map(va, pa uint64, write, exec bool) error {
	if err := pt.checkUser(va); err != nil {
		return err
	}
	if pa&^descAddr != 0 {
		return ErrBadAddress
	}
	leaf, err := pt.tables.Walk(va, true)
	if err != nil {
		return err
	}

	e := pa | userPage
	if !write {
		e |= descAPRO
	}
	if !exec {
		e |= descUXN
	}
	i := ptable.LeafIndex(va)
	old := pteAt(leaf, i)
	switch {
	case old&descValid == 0 || old == e:
		setPTE(leaf, i, e)
	case old&descAddr != pa:
		setPTE(leaf, i, 0)
		pt.invalidate(va)
		setPTE(leaf, i, e)
	default:
		setPTE(leaf, i, e)
		pt.invalidate(va)
	}
	return nil
}

// Unmap removes the user page at va and returns its frame; ok is false
// when nothing was mapped there. Tables stay until Release.
func (pt *PageTable) Unmap(va uint64) (pa uint64, ok bool) {
	if pt.checkUser(va) != nil {
		return 0, false
	}
	e, ok := pt.tables.Clear(va)
	if !ok {
		return 0, false
	}
	pt.invalidate(va)
	return e & descAddr, true
}

// Translate returns the leaf entry of the user page at va.
func (pt *PageTable) Translate(va uint64) (pte uint64, ok bool) {
	if pt.checkUser(va) != nil {
		return 0, false
	}
	return pt.tables.Lookup(va)
}

// Release frees the tables this PageTable allocated, never the boot
// tables the template points to. The caller must have switched TTBR0_EL1
// away and dropped the table's ASID from the TLB. The PageTable is
// unusable afterwards; a second call does nothing.
func (pt *PageTable) Release() { pt.tables.Release() }

// checkUser accepts page-aligned TTBR0 addresses the kernel does not own:
// in the first GiB outside the template's level 2 slots, above it outside
// its valid level 1 slots.
func (pt *PageTable) checkUser(va uint64) error {
	if pt.Root() == 0 || va&(PageSize-1) != 0 || va >= UserTop {
		return ErrBadAddress
	}
	if i1 := int(va >> 30); i1 != 0 {
		if pt.kernel.L1[i1]&descValid != 0 {
			return ErrKernelAddress
		}
		return nil
	}
	if _, ok := pt.kernel.L2[int(va>>21)]; ok {
		return ErrKernelAddress
	}
	return nil
}

func (pt *PageTable) invalidate(va uint64) {
	if pt.Invalidate != nil {
		pt.Invalidate(va)
	}
}

// pteAt and setPTE are ptable.Entry and ptable.SetEntry.
func pteAt(table []byte, i int) uint64 { return ptable.Entry(table, i) }

func setPTE(table []byte, i int, e uint64) { ptable.SetEntry(table, i, e) }
