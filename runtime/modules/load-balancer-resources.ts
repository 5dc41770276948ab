/**
 * load_balancer's resource lists (lb_parser.c): the table's `resources` column gives every
 * resource with its capacity (`pstn=32; transc=10`), lb_start / lb_count_call name the resources
 * a call needs (`pstn;transc`). Elements are separated by `;` and may be padded with spaces; a
 * trailing `;` is allowed, an empty element elsewhere is not. Capacities are unsigned decimal
 * integers. FreeSWITCH capacities (`fs://…`, with `fetch_freeswitch_stats`) are not supported
 * offline: such a value is invalid, as it is in OpenSIPS without that parameter.
 */

export interface ResourceSpec {
  readonly name: string;
  /** The capacity (max load); 0 in a list of names. */
  readonly capacity: number;
}

const SPACES = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

function trimSpaces(text: string): string {
  return text.replace(SPACES, "");
}

/** One `name[=capacity]` element, or why it is invalid. */
function elementOf(element: string, withCapacity: boolean): ResourceSpec | string {
  const eq = element.indexOf("=");
  if (eq >= 0 && !withCapacity) return "resource must not have value!";
  if (eq < 0 && withCapacity) return "resource must have value!";
  const name = trimSpaces(eq < 0 ? element : element.slice(0, eq));
  if (name === "") return "empty resource name";
  if (!withCapacity) return { name, capacity: 0 };
  const value = trimSpaces(element.slice(eq + 1));
  if (value === "") return "empty val !";
  if (!/^[0-9]+$/.test(value) || Number(value) > 0xffffffff) return `invalid value [${value}]`;
  return { name, capacity: Number(value) };
}

/** The resources of a list, in their written order; an error text when the list is invalid. */
export function parseResourceList(text: string, withCapacity: boolean): ResourceSpec[] | string {
  const elements = text.split(";");
  const resources: ResourceSpec[] = [];
  for (const [i, element] of elements.entries()) {
    if (trimSpaces(element) === "" && i === elements.length - 1) break;
    const resource = elementOf(element, withCapacity);
    if (typeof resource === "string") return resource;
    resources.push(resource);
  }
  return resources.length === 0 ? "empty list of resources" : resources;
}
