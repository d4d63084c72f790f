/// What SSO assignment and access entry files add up to before their ids are joined to names.
protocol AssignmentInventory {
    init()
    mutating func merge(_ other: Self)
}

extension SSOInventory: AssignmentInventory {}
extension AccessEntryInventory: AssignmentInventory {}

/// Merges the inventories that `parse` reads from each input, and returns the problems it found in
/// each file's text alongside.
func mergeInventories<Inventory: AssignmentInventory>(
    _ inputs: [(bytes: [UInt8], source: String)],
    parse: ([UInt8], String) -> (inventory: Inventory, diagnostics: [Diagnostic])
) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
    var inventory = Inventory()
    var diagnostics: [Diagnostic] = []
    for input in inputs {
        let result = parse(input.bytes, input.source)
        inventory.merge(result.inventory)
        diagnostics += result.diagnostics
    }
    return (inventory, diagnostics)
}
