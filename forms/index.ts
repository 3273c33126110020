// Public API of the forms module (used by the CLI now, by the Electron main process and UI later).
export { validateHousehold, headIndex, householdSchema } from './model/household.ts';
export type { Household, HouseholdInput, Member, FieldError, ValidationResult } from './model/household.ts';
export { decideProcedures, PROCEDURES, RuleError } from './rules/engine.ts';
export type { ProcedureDecision, StaffOverride, ProcedureSpec } from './rules/engine.ts';
export { renderFormSet, preloadForms, RenderError } from './pdf/render.ts';
export type { RenderOptions, RenderResult, RenderReport, FormReport, RenderedForm } from './pdf/render.ts';
export { loadDefinitions, formDefinitionSchema, DefinitionError } from './definitions/schema.ts';
export type { FormDefinition } from './definitions/schema.ts';
export { toWareki, warekiText, ageOn, schoolGrade } from './format/wareki.ts';
export { toFurigana, toFullWidthDigits, toHalfWidthAlnum, formatPostalCode } from './format/text.ts';
export { splitAddress } from './format/address.ts';
export { lookupPostalCode, POSTAL_DATA } from './format/postal.ts';
