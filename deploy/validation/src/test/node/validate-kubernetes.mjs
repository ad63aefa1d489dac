// Validates Kubernetes objects against the schemas of the pinned npm models (kubernetes-models for the
// built-in kinds, @kubernetes-models/strimzi-kafka-operator for Strimzi's), and reports fields that no
// schema knows (the models' schemas accept unknown fields; a misspelt field would otherwise pass).
//   node validate-kubernetes.mjs objects.json
// objects.json: [{"source": "...", "object": {...}}, ...]. Prints one problem per line; exit status 1 if any.
import { readFileSync } from "node:fs";

const items = JSON.parse(readFileSync(process.argv[2], "utf8"));
const problems = [];

function modelModule(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (group.endsWith(".strimzi.io")) {
    return `@kubernetes-models/strimzi-kafka-operator/${group}/${version}/${kind}`;
  }
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

// Wraps an object tree so that the validator's reads are recorded: the schema-generated code reads every
// property its schema defines, so a property of an object that was never read is one no schema defines.
function tracked(root) {
  const seen = new Map(); // target -> { path, read: Set, enumerated }
  const proxies = new WeakMap();
  function wrap(value, path) {
    if (value === null || typeof value !== "object") {
      return value;
    }
    if (proxies.has(value)) {
      return proxies.get(value);
    }
    const info = { path, read: new Set(), enumerated: false };
    if (!Array.isArray(value)) {
      seen.set(value, info);
    }
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") {
          info.read.add(key);
          return wrap(Reflect.get(target, key, receiver), `${path}/${key}`);
        }
        return Reflect.get(target, key, receiver);
      },
      has(target, key) {
        if (typeof key === "string") {
          info.read.add(key);
        }
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        // Iterated as a map (labels, annotations, data, free-form configuration): every key is accepted.
        info.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  }
  return { proxy: wrap(root, ""), seen };
}

for (const { source, object } of items) {
  const where = `${source}: ${object.kind}/${object.metadata?.name}`;
  let model;
  try {
    model = (await import(modelModule(object.apiVersion, object.kind)))[object.kind];
  } catch (e) {
    problems.push(`${where}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
    continue;
  }
  // Plain validation first, on a copy: the model's own error message.
  try {
    new model(structuredClone(object)).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
    continue;
  }
  const { proxy, seen } = tracked(structuredClone(object));
  const instance = new model({});
  for (const key of Object.keys(object)) {
    instance[key] = proxy[key];
  }
  instance.validate();
  for (const [target, info] of seen) {
    if (info.path === "" || info.enumerated || info.read.size === 0) {
      // The root is copied key by key above; an object none of whose fields was read is free-form
      // (e.g. Strimzi's broker config), which the schema accepts whole.
      continue;
    }
    for (const key of Object.keys(target)) {
      if (!info.read.has(key)) {
        problems.push(`${where}: unknown field ${info.path}/${key}`);
      }
    }
  }
}

for (const p of problems) {
  console.log(p);
}
console.log(`${items.length} objects checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
