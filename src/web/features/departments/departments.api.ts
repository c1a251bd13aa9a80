import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDepartmentBody,
  Department,
  DepartmentList,
  UpdateDepartmentBody,
} from '../../../shared/api/departments.js';
import { api } from '../../lib/api.js';

export const departmentsKey = ['departments'] as const;

/** The whole department tree as a flat list (build the tree by `parentId`). */
export function useDepartments() {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: ({ signal }) => api.get<DepartmentList>('/departments', { signal }),
  });
}

function useInvalidateDepartments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: departmentsKey });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
}

/** Creates a department (admins). */
export function useCreateDepartment() {
  const onSuccess = useInvalidateDepartments();
  return useMutation({
    mutationFn: (body: CreateDepartmentBody) => api.post<Department>('/departments', { body }),
    onSuccess,
  });
}

/** Renames, moves or sets the head of a department (admins). */
export function useUpdateDepartment() {
  const onSuccess = useInvalidateDepartments();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDepartmentBody }) =>
      api.patch<Department>(`/departments/${id}`, { body }),
    onSuccess,
  });
}

/** Deletes an empty department (admins). */
export function useDeleteDepartment() {
  const onSuccess = useInvalidateDepartments();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/departments/${id}`),
    onSuccess,
  });
}
