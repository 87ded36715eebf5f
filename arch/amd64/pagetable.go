package amd64

import (
	"errors"

	"github.com/ringside-kernel/ringside/arch/internal/ptable"
)

// A task's x86-64 4-level page tables (Intel SDM Vol. 3A, 4.5): 4 KiB
// user pages under a PML4 of the task's own, with the kernel's boot
// mappings shared, supervisor-only, so that SYSCALL and interrupt entry
// keep running on the task's CR3. The table frames and the walk are
// arch/internal/ptable's; the entry bits and the layout are here.

// Paging-structure entry bits (SDM Vol. 3A, 4.5, Tables 4-15 to 4-20).
const (
	ptePresent = 1 << 0
	pteWrite   = 1 << 1
	pteUser    = 1 << 2
	pteLarge   = 1 << 7  // PS: a 1 GiB PDPTE or a 2 MiB PDE
	pteNX      = 1 << 63 // XD: needs EFER.NXE
	pteAddr    = 0x000f_ffff_ffff_f000
	// pteTable is what a task's intermediate entries hold besides the
	// address; the leaf decides the real permission.
	pteTable = ptePresent | pteWrite | pteUser
)

const (
	ptEntries = ptable.Entries
	ptFrame   = ptable.FrameSize
	// ptUserTop is one past the highest canonical lower-half address.
	ptUserTop = 1 << 47
)

// Boot page tables of ringside on tamago amd64: PML4 0x9000, PDPT 0xa000,
// PD 0xb000, identity mapping memory supervisor-only.
const (
	BootPML4 = 0x9000
	BootPDPT = 0xa000
	BootPD   = 0xb000
)

// KernelPDSlots are the boot PD slots, in the first GiB, that every task
// keeps: slot 0 (the boot page tables and BIOS below 2 MiB) and 128..511
// (0x10000000..0x40000000: kernel RAM and the user frame pool). Slots
// 1..127, [2 MiB, 256 MiB), are free for user mappings.
func KernelPDSlots() []int {
	s := []int{0}
	for i := 128; i < ptEntries; i++ {
		s = append(s, i)
	}
	return s
}

// KernelTemplate is the part of the boot tables every task shares.
type KernelTemplate struct {
	// PDPT holds the boot PDPT's entries; slots 1..511 are copied into
	// every task PDPT and their present ones are kernel-only address
	// space. Slot 0 is ignored: the task's own PD goes there.
	PDPT [ptEntries]uint64
	// PD holds, by slot, the boot PD entries of the first GiB the task
	// PD copies; those slots are kernel-only address space.
	PD map[int]uint64
}

// BootKernelTemplate reads the template from the boot tables at BootPDPT
// and BootPD through frame, taking KernelPDSlots of the PD.
func BootKernelTemplate(frame func(pa uint64) []byte) KernelTemplate {
	var k KernelTemplate
	pdpt, pd := frame(BootPDPT), frame(BootPD)
	for i := 1; i < ptEntries; i++ {
		k.PDPT[i] = pteAt(pdpt, i)
	}
	k.PD = make(map[int]uint64)
	for _, i := range KernelPDSlots() {
		k.PD[i] = pteAt(pd, i)
	}
	return k
}

var (
	// ErrKernelAddress is returned by Map for an address the kernel's
	// mappings own.
	ErrKernelAddress = errors.New("amd64: address reserved for the kernel")
	// ErrBadAddress is returned by Map for a misaligned address or one
	// outside the canonical lower half.
	ErrBadAddress = errors.New("amd64: address not a 4 KiB user page")
	// ErrNoTableFrame is returned when a table frame cannot be allocated.
	ErrNoTableFrame = errors.New("amd64: out of frames for page tables")
)

// layout is how ptable walks a task's tables: PML4, PDPT and PD above
// the page table; PS ends the walk at a kernel large page.
var layout = ptable.Layout{
	Valid:      ptePresent,
	Addr:       pteAddr,
	Table:      pteTable,
	BlockMask:  pteLarge,
	Block:      pteLarge,
	Shifts:     []uint{39, 30, 21},
	ErrNoFrame: ErrNoTableFrame,
	ErrBlock:   ErrKernelAddress,
}

// PageTable is one task's page tables; it implements mm.PageTable. It is
// not safe for concurrent use: the address space serializes calls.
type PageTable struct {
	// Invalidate drops the TLB entry of a user page whose mapping was
	// removed or changed (INVLPG on bare metal); nil on the host.
	Invalidate func(va uint64)

	tables ptable.Tables
	kernel KernelTemplate
}

// NewPageTable builds a task's tables from frames of alloc, which frame
// reaches: a PML4 whose slot 0 points to a task PDPT holding the
// template's slots 1..511, whose slot 0 points to a task PD holding the
// template's PD slots. free takes table frames back on Release.
func NewPageTable(alloc func() (uint64, bool), free func(uint64),
	frame func(pa uint64) []byte, kernel KernelTemplate) (*PageTable,
	error) {
	pt := &PageTable{tables: ptable.New(&layout, alloc, free, frame),
		kernel: kernel}

	pml4, err := pt.tables.NewTable()
	if err != nil {
		return nil, err
	}
	pdpt, err := pt.tables.NewTable()
	if err != nil {
		pt.Release()
		return nil, err
	}
	pd, err := pt.tables.NewTable()
	if err != nil {
		pt.Release()
		return nil, err
	}

	setPTE(frame(pml4), 0, pdpt|pteTable)
	pdptFrame := frame(pdpt)
	setPTE(pdptFrame, 0, pd|pteTable)
	for i := 1; i < ptEntries; i++ {
		setPTE(pdptFrame, i, kernel.PDPT[i])
	}
	pdFrame := frame(pd)
	for i, e := range kernel.PD {
		setPTE(pdFrame, i, e)
	}
	return pt, nil
}

// Root is the PML4's physical address, the value for CR3.
func (pt *PageTable) Root() uint64 { return pt.tables.Root() }

// Map installs a 4 KiB user page va -> pa (SDM Vol. 3A, 4.5.4): present,
// U/S set, R/W per write, XD unless exec. Missing intermediate tables are
// allocated. Mapping over a present page replaces it (that is how
// permissions change) and invalidates its TLB entry.
func (pt *PageTable) Map(va, pa uint64, write, exec bool) error {
	if err := pt.checkUser(va); err != nil {
		return err
	}
	if pa&^pteAddr != 0 {
		return ErrBadAddress
	}
	leaf, err := pt.tables.Walk(va, true)
	if err != nil {
		return err
	}

	e := pa | ptePresent | pteUser
	if write {
		e |= pteWrite
	}
	if !exec {
		e |= pteNX
	}
	i := ptable.LeafIndex(va)
	old := pteAt(leaf, i)
	setPTE(leaf, i, e)
	if old&ptePresent != 0 && old != e {
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
	return e & pteAddr, true
}

// Translate returns the leaf entry of the user page at va.
func (pt *PageTable) Translate(va uint64) (pte uint64, ok bool) {
	if pt.checkUser(va) != nil {
		return 0, false
	}
	return pt.tables.Lookup(va)
}

// Release frees the tables this PageTable allocated, never the boot
// tables the template points to. The caller must have switched CR3 away.
// The PageTable is unusable afterwards; a second call does nothing.
func (pt *PageTable) Release() { pt.tables.Release() }

// checkUser accepts page-aligned lower-half addresses the kernel does not
// own: in the first GiB outside the template PD slots, in the first
// 512 GiB outside present template PDPT slots, anywhere above.
func (pt *PageTable) checkUser(va uint64) error {
	if pt.Root() == 0 || va&(ptFrame-1) != 0 || va >= ptUserTop {
		return ErrBadAddress
	}
	if va>>39 != 0 {
		return nil
	}
	if i3 := int(va>>30) % ptEntries; i3 != 0 {
		if pt.kernel.PDPT[i3]&ptePresent != 0 {
			return ErrKernelAddress
		}
		return nil
	}
	if _, ok := pt.kernel.PD[int(va>>21)%ptEntries]; ok {
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
