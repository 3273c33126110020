// Public API of the forms module (used by the CLI and by the main process's forms adapter).
// Its errors are KioskErrors with `forms/…` codes (domain/errors.ts).
export { validateHousehold, headIndex, householdSchema } from './model/household.ts';
export type { Household, HouseholdInput, Member, FieldError, ValidationResult } from './model/household.ts';
export { householdWarnings } from './model/warnings.ts';
export type { HouseholdWarning } from './model/warnings.ts';
export { decideProcedures, PROCEDURES } from './rules/engine.ts';
export type { ProcedureDecision, StaffOverride, ProcedureSpec, DecideOptions, Handling, AgeBasis } from './rules/engine.ts';
export { loadProfile, parseProfile, DEFAULT_PROFILE } from './profiles/profile.ts';
export type { CityProfile, SignatureRequirement } from './profiles/profile.ts';
export { renderFormSet, preloadForms } from './pdf/render.ts';
export type { RenderOptions, RenderResult, RenderReport, FormReport, RenderedForm } from './pdf/render.ts';
export { loadDefinitions, formDefinitionSchema } from './definitions/schema.ts';
export { inspectTemplate, gridOverlay, checkDefinition, bindablePaths } from './pdf/inspect.ts';
export type { TemplateInspection, TemplateField, DefinitionCheck, DefinitionProblem } from './pdf/inspect.ts';
export type { FormDefinition } from './definitions/schema.ts';
export { toWareki, warekiText, ageOn, schoolGrade } from './format/wareki.ts';
export { toFurigana, toFullWidthDigits, toHalfWidthAlnum, formatPostalCode } from './format/text.ts';
export { splitAddress } from './format/address.ts';
export { lookupPostalCode, POSTAL_DATA } from './format/postal.ts';
export { renderReceipt, followUpsFor, byPostFor, waitRange } from './receipt/receipt.ts';
export { RECEIPT_TEXTS } from './receipt/texts.ts';
export type { ReceiptInput } from './receipt/receipt.ts';
// The printed labels of the shipped templates and the values a label may depend on (the staff
// console names a box as the paper does).
export { LAYOUTS, type BoundLabel } from './templates/layouts.ts';
export { householdBaseValues, householdMemberValues } from './pdf/context.ts';
