import { BadRequestException, ConflictException, HttpException, ValidationError } from '@nestjs/common';

/** Values a problem's message is filled with; days (YYYY-MM-DD) are written out in the reader's language. */
export type ProblemParams = Record<string, string | number>;

/**
 * One refusal. `message` is English, for the API; `code` (when there is one) names the
 * catalogue message `problem.<code>` that pages show in the reader's language, filled with `params`.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: ProblemParams;
}

export function problem(field: string, code: string, params: ProblemParams, message: string): FieldError {
  return { field, message, code, params };
}

/** The one 400 body: `message` lists readable sentences, `errors` names each field. */
export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((error) => error.message),
    errors,
  });
}

export function fieldError(field: string, message: string): BadRequestException {
  return badRequest([{ field, message }]);
}

/** Where an exception keeps its coded problems: beside its JSON body, not in it. */
const PROBLEMS = Symbol('problems');

function carrying<T extends HttpException>(exception: T, problems: FieldError[]): T {
  Object.defineProperty(exception, PROBLEMS, { value: problems });
  return exception;
}

/** The coded problems a refusal carries for the pages, if it carries any. */
export function problemsOf(error: HttpException): FieldError[] | undefined {
  return (error as HttpException & { [PROBLEMS]?: FieldError[] })[PROBLEMS];
}

/**
 * A 400 whose JSON keeps the published `errors: [{field, message}]`, while the pages read
 * each problem's code and values and say it in the reader's language.
 */
export function refusal(...problems: FieldError[]): BadRequestException {
  return carrying(badRequest(problems.map(({ field, message }) => ({ field, message }))), problems);
}

/**
 * A 409: the JSON says `message` in English with the `code` and its values; a page shows the
 * problem beside its field (or heading the page when the field is '').
 */
export function conflict(found: FieldError): ConflictException {
  const { message, code, params } = found;
  return carrying(new ConflictException({ statusCode: 409, error: 'Conflict', message, code, params }), [found]);
}

/**
 * Rules about what kind of value a field holds. When one of these fails, the finer
 * rules (length, range, size) say nothing useful, so its message comes first.
 */
const KIND_RULES: Record<string, string | null> = {
  isString: 'must be text',
  isInt: 'must be a whole number',
  isNumber: 'must be a number',
  isBoolean: 'must be true or false',
  isArray: 'must be a list',
  isDay: null,
  isEmail: null,
  isUrl: null,
  isIn: null,
  isEnum: null,
  nestedValidation: null,
};

/** Whole-value messages use the field's name; `each` rules already name the field in their message. */
function reword(rule: string, field: string, message: string): string {
  const kind = KIND_RULES[rule];
  if (!kind || message.includes('each value')) return message;
  return `${field} ${kind}`;
}

/** A rule may name its catalogue message: `@ArrayUnique(undefined, { context: { code: 'offsets-repeated' } })`. */
interface RuleContext {
  code?: string;
  params?: ProblemParams;
}

/**
 * One message per field, for the actual fault: a missing or null value is
 * "required"; a value of the wrong kind says so (`"12"` for a number: "must be a
 * whole number"); otherwise the first rule written on the field. (class-validator
 * lists a field's rules last-written first, so its own first message is the wrong one.)
 * With the message comes the rule's code, when the rule names one.
 */
function faultOf(error: ValidationError, field: string): Omit<FieldError, 'field'> | null {
  const constraints = error.constraints ?? {};
  const rules = Object.keys(constraints);
  if (rules.length === 0) return null;
  if (rules.includes('whitelistValidation')) return { message: constraints.whitelistValidation };
  if (error.value === undefined || error.value === null) return { message: `${field} is required` };
  const kind = rules.find((rule) => rule in KIND_RULES);
  const rule = kind ?? rules[rules.length - 1];
  const message = kind ? reword(kind, field, constraints[kind]) : constraints[rule];
  const context = error.contexts?.[rule] as RuleContext | undefined;
  return context?.code ? { message, code: context.code, params: context.params ?? {} } : { message };
}

/** Flattens class-validator's nested errors into `needs.0.topic`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const fault = faultOf(error, field);
    const own =
      fault === null
        ? []
        : [
            {
              field,
              ...fault,
              message: parent && !fault.message.startsWith(field) ? `${field}: ${fault.message}` : fault.message,
            },
          ];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
