/** One TaskService per open archive, without widening the Archive facade. */
import type { Archive } from '../archive';
import { TaskService } from './service';

const services = new WeakMap<Archive, TaskService>();

export function tasksOf(archive: Archive): TaskService {
  let service = services.get(archive);
  if (!service) {
    service = new TaskService(archive.db);
    services.set(archive, service);
  }
  return service;
}

export { TaskService, fileSlug, type PrintTarget, type TaskSheet } from './service';
